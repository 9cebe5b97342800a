FROM debian:bookworm-slim AS base
LABEL org.opencontainers.image.licenses="Apache-2.0 AND (MIT OR GPL-2.0-or-later)"
FROM base
ARG CREATED
ARG SOURCE=github.com/acme/app
# values from build arguments are only known at build time
LABEL org.opencontainers.image.created=$CREATED \
      org.opencontainers.image.source="${SOURCE}"
LABEL org.opencontainers.image.url="https://acme.example/app" \
      org.opencontainers.image.documentation=https://acme.example/app/docs \
      org.opencontainers.image.created="2024-05-01T12:30:00.123+02:00" \
      org.opencontainers.image.version="2.1" \
      org.opencontainers.image.authors="ACME team <team@acme.example>" \
      org.opencontainers.image.licenses=LicenseRef-ACME-Proprietary \
      maintainer="anything goes: not in the schema"
