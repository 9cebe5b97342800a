FROM python:3.12-slim AS base
# expect: build-tools-in-final
RUN apt-get update && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev \
    && pip install --no-cache-dir psycopg2==2.9.9 && rm -rf /var/lib/apt/lists/*
FROM base
# expect: build-tools-in-final
RUN apk add --no-cache gcc musl-dev make
