FROM node:20-alpine AS a
FROM eclipse-temurin:21-jre AS b
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4 AS c
FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled AS d
FROM ubuntu:24.04 AS e
FROM gcr.io/distroless/python3-debian12 AS f
ARG BASE
FROM ${BASE} AS g
FROM scratch
COPY --from=a /x /x
