ARG PLATFORM=linux/amd64
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform=${PLATFORM} alpine:3.20 AS tools
FROM --platform=linux/arm64 alpine:3.20 AS build-arm64
FROM --platform=linux/amd64 alpine:3.20 AS amd64-base
FROM alpine:3.20
