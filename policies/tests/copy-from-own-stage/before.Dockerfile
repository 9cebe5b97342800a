FROM golang:1.23 AS build
COPY --from=build /src/app /usr/local/bin/app
