# su-exec installed by the package manager, in a stage the final stage is built FROM
FROM alpine:3.20 AS base
RUN apk add --no-cache su-exec

FROM base
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
