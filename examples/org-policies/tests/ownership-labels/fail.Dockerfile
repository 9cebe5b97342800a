FROM registry.acme.example/library/python:3.12-slim AS build
LABEL com.acme.team=payments
# expect: ownership-labels, ownership-labels
FROM registry.acme.example/library/python:3.12-slim
LABEL org.opencontainers.image.authors=""
CMD ["python", "-m", "app"]
