# a USER in a build stage does not reach the final image
FROM golang:1.23 AS build
RUN useradd builder
USER builder
RUN go build -o /out/app ./...

# expect: final-user-root
FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
