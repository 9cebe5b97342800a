ARG VERSION
ARG GO=1.23
FROM golang:${GO} AS build
FROM node:${VERSION}
FROM scratch AS empty
FROM build AS test
FROM registry.example.com:5000/team/app:2.1
FROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
FROM debian:latest@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
FROM --platform=$BUILDPLATFORM python:3.12-slim
