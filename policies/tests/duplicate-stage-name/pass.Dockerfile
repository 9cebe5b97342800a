FROM golang:1.23 AS build-api
FROM node:22-slim AS build-web
FROM build-api AS test
FROM alpine:3.20
