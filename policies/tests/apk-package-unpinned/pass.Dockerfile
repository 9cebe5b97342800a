FROM alpine:3.20
ARG PKGS
RUN apk add --no-cache curl=8.11.1-r0 git~2.45 "bash>=5.2"
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0
RUN apk add --no-cache $PKGS ${EXTRA}
RUN apk add --allow-untrusted /tmp/pkgs/tool-1.0-r0.apk
RUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing "tool=1.0-r0"
RUN apk del .build-deps && apk upgrade --no-cache
RUN echo apk add curl
