FROM alpine:3.20 AS build
# a builder stage the final stage only copies from ships no layers
RUN apk add --update gcc musl-dev
FROM alpine:3.20
ARG APK_FLAGS
RUN apk add --no-cache curl && apk add --no-cache --virtual .deps gcc
RUN apk update && apk add git && rm -rf /var/cache/apk/*
RUN apk add -U jq && apk cache clean
RUN --mount=type=cache,target=/var/cache/apk apk add --update bash
RUN --mount=type=cache,target=/etc/apk/cache apk add less
RUN apk add $APK_FLAGS tar
RUN apk del .deps && echo apk add curl
COPY --from=build /out /out
RUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1
