# expect-file: user-missing
FROM alpine:3.20
