FROM registry.acme.example/library/python:3.12-slim AS base
LABEL org.opencontainers.image.authors="payments@acme.example"
FROM base
LABEL com.acme.team="payments"
CMD ["python", "-m", "app"]
