# a split build: the final stage takes its binary from the builder
FROM golang:1.22 AS build
RUN apt-get update && apt-get install -y gcc && go build -o /app .
FROM debian:bookworm-slim
COPY --from=build /app /app
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
