FROM golang:1.23 AS build-1_x
FROM alpine:3.20 AS runtime
FROM runtime
