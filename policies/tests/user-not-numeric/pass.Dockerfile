ARG APP_USER=app
FROM alpine:3.20 AS build
USER builder
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER app
USER 10001:app
