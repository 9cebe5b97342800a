FROM alpine:3.20
# expect: no-add
COPY a /a
