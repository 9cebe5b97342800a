FROM golang:1.23 AS build
HEALTHCHECK CMD ["true"]
RUN go build -o /out/app .

# a HEALTHCHECK in a stage the final stage only copies from does not count
# expect: healthcheck-missing
FROM debian:bookworm-slim
COPY --from=build /out/app /app
CMD ["/app"]
