ARG TOOLS=tools
FROM golang:1.23 AS Build
RUN go build -o /out/app .
FROM alpine:3.20
COPY --from=build /out/app /app
COPY --from=0 /out/app /app2
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=ghcr.io/o/tools /bin/t /bin/t
COPY --from=docker.io/library/busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000 /bin/sh /bin/sh
COPY --from=$TOOLS /bin/x /bin/x
