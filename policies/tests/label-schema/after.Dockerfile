FROM debian:12
LABEL org.opencontainers.image.source="https://github.com/acme/app" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.created="2024-05-01T12:30:00Z"
