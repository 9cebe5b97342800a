ARG UNKNOWN
FROM node:22 AS build
FROM docker.io/library/alpine:3.20 AS a
FROM ghcr.io/acme/tool:1.0 AS b
FROM mcr.microsoft.com/dotnet/runtime:8.0 AS c
FROM public.ecr.aws/docker/library/busybox:1.36 AS d
FROM ${UNKNOWN}/node:22 AS e
FROM build AS f
FROM scratch
COPY --from=build /app /app
