FROM alpine:3.20 AS base
# expect: apk-add-cache
RUN apk update && apk add curl
FROM base
# expect: apk-add-cache
RUN apk add --update --virtual .deps gcc \
 && make
# expect: apk-add-cache
RUN sudo apk add -U tini
