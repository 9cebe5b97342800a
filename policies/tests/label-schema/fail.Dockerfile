FROM golang:1.22 AS build
# a builder stage's labels do not reach the image
LABEL org.opencontainers.image.source="not a url"
FROM debian:bookworm-slim AS base
# expect: label-schema
LABEL org.opencontainers.image.licenses="Apache 2"
FROM base
# expect: label-schema
LABEL org.opencontainers.image.source="github.com/acme/app"
# expect: label-schema
LABEL org.opencontainers.image.created="01/05/2024"
# expect: label-schema
LABEL org.opencontainers.image.url=""
# expect: label-schema
LABEL org.opencontainers.image.created="2024-13-01T00:00:00Z"
# expect: label-schema
LABEL org.opencontainers.image.licenses="MIT OR"
