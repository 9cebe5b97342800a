FROM gcr.io/distroless/static
COPY app /app
