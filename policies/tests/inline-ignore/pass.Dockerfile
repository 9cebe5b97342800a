# check=error=true
# hadolint and plimsoll both lint this file; neither is told to ignore anything
FROM alpine:3.20
RUN apk add --no-cache curl
