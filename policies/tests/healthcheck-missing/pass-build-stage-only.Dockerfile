# non-final stages are not checked; the final one has a check
FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM debian:bookworm-slim
COPY --from=build /out/app /app
HEALTHCHECK CMD ["/app", "-health"]
