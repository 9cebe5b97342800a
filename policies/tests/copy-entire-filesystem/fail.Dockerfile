FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM alpine:3.20
# expect: copy-entire-filesystem
COPY --from=build / /
# expect: copy-entire-filesystem
COPY --from=0 /. /rootfs/
