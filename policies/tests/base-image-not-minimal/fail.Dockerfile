FROM golang:1.22 AS build
RUN go build -o /app .
# expect: base-image-not-minimal
FROM python:3.12 AS base
FROM base
COPY --from=build /app /app
