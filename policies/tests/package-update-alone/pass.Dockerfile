FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get -q update; DEBIAN_FRONTEND=noninteractive apt-get -y dist-upgrade
RUN apt-get update && ./install-deps.sh
RUN apt-get update && apt-cache policy curl
RUN --mount=type=cache,target=/var/lib/apt apt-get update
RUN echo apt-get update
FROM alpine:3.20
RUN apk update && apk add --no-cache curl=8.9.1-r0
FROM centos:7
RUN yum update -y && yum clean all
RUN yum makecache && yum install -y httpd-2.4.6 && yum clean all
FROM opensuse/leap:15.6
RUN zypper refresh && zypper --non-interactive install curl && zypper clean
