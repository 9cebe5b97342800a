FROM debian:bookworm-slim AS base
# expect: volume-sensitive
VOLUME /etc
FROM base
# expect: volume-sensitive, volume-sensitive
VOLUME ["/proc/sys", "/data", "/var/run/docker.sock"]
