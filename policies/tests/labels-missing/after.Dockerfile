FROM gcr.io/distroless/static
ARG REVISION
LABEL org.opencontainers.image.source="https://github.com/acme/app" \
      org.opencontainers.image.revision="$REVISION"
COPY app /app
