LABEL org.opencontainers.image.source=https://github.com/o/r
FROM alpine:3.20
