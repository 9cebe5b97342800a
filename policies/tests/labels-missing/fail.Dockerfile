FROM golang:1.22 AS build
LABEL org.opencontainers.image.source="https://github.com/acme/app"
FROM gcr.io/distroless/static
LABEL org.opencontainers.image.revision=""
# expect: labels-missing
FROM gcr.io/distroless/static
LABEL org.opencontainers.image.source="https://github.com/acme/app"
