FROM debian:bookworm-slim AS base
LABEL org.opencontainers.image.source="https://github.com/acme/app"
FROM base
ARG REVISION
LABEL org.opencontainers.image.revision=$REVISION maintainer="team@acme.example"
