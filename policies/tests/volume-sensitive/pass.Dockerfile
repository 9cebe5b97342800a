FROM debian:bookworm-slim AS build
VOLUME /sys
FROM debian:bookworm-slim
ARG DIR
VOLUME /data /var/lib/app
VOLUME ["/etc/app", "/usr/share/nginx/html"]
VOLUME $DIR
