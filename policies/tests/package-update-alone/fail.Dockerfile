FROM debian:bookworm-slim
# expect: package-update-alone
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# expect: package-update-alone
RUN sudo apt update -qq && pip install --no-cache-dir requests==2.32.3
FROM alpine:3.20
# expect: package-update-alone
RUN apk update
FROM fedora:40
# expect: package-update-alone
RUN dnf -y makecache && echo done
FROM opensuse/leap:15.6
# expect: package-update-alone
RUN zypper --non-interactive ref
