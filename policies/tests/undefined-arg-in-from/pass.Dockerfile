ARG NODE_VERSION=22
ARG TAG
FROM node:${NODE_VERSION}-slim
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM alpine:${TAG:-3.20}
FROM alpine:$TAG
