FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static
COPY --from=build /out/app /usr/local/bin/app
