FROM golang:1.23 AS build
# expect: copy-from-own-stage
COPY --from=build /src/app /usr/local/bin/app
FROM alpine:3.20 AS Final
# expect: copy-from-own-stage
COPY --from=final /x /y
# expect: copy-from-own-stage
COPY --from=1 /x /y
