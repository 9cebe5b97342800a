FROM debian:12
LABEL org.opencontainers.image.source="github.com/acme/app" \
      org.opencontainers.image.licenses="Apache 2" \
      org.opencontainers.image.created="01/05/2024"
