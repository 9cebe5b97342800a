FROM golang:1.23 AS build
RUN go build ./...
# expect: duplicate-stage-name
FROM node:22-slim AS Build
RUN npm ci
FROM alpine:3.20
