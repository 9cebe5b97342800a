FROM alpine:3.20
LABEL org.opencontainers.image.source=https://github.com/o/r
