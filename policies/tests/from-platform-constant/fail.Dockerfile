# expect: from-platform-constant
FROM --platform=linux/amd64 golang:1.23 AS build
# expect: from-platform-constant
FROM --platform=linux/arm64 alpine:3.20
