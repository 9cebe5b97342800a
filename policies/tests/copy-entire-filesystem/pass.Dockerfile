FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM scratch AS artifacts
COPY --from=build /out/app /app
FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
COPY --from=artifacts / /
COPY / /x
