FROM golang:1.22
RUN go build -o /app .
FROM golang:1.22 AS tools
RUN go install example.com/tool@v1.0.0
FROM debian:bookworm-slim
# expect: stage-referenced-by-index
COPY --from=0 /app /app
# expect: stage-referenced-by-index
COPY --from=1 /go/bin/tool /usr/local/bin/
# expect: stage-referenced-by-index
RUN --mount=type=bind,from=0,source=/app,target=/mnt/app cp /mnt/app /opt/
