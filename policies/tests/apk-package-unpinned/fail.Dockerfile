FROM alpine:3.20
# expect: apk-package-unpinned
RUN apk add --no-cache curl=8.11.1-r0 git
# expect: apk-package-unpinned
RUN apk add --no-cache --virtual .build-deps gcc musl-dev~1.2
# expect: apk-package-unpinned
RUN set -eux; apk update; apk add -U tini
