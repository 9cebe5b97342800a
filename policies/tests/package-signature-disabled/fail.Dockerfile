FROM alpine:3.20 AS a
# expect: package-signature-disabled
RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
FROM debian:12-slim AS b
# expect: package-signature-disabled
RUN apt-get update && apt-get install -y --allow-unauthenticated curl
# expect: package-signature-disabled
RUN apt-get install -y --force-yes curl
# expect: package-signature-disabled
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl
FROM fedora:40
# expect: package-signature-disabled
RUN sudo dnf install -y --nogpgcheck httpd
# expect: package-signature-disabled
RUN yum install -y --setopt=gpgcheck=0 httpd
# expect: package-signature-disabled
RUN rpm -ivh --nosignature /tmp/x.rpm
