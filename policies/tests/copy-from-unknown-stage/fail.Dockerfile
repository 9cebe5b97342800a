FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM alpine:3.20
# expect: copy-from-unknown-stage
COPY --from=biuld /out/app /app
# expect: copy-from-unknown-stage
COPY --from=5 /out/app /app
