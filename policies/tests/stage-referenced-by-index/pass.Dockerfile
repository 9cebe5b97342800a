FROM golang:1.22 AS build
RUN go build -o /app .
FROM debian:bookworm-slim
COPY --from=build /app /app
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
RUN --mount=type=cache,target=/root/.cache --mount=from=build,source=/app,target=/mnt/app cp /mnt/app /opt/
COPY local.txt /
