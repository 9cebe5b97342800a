FROM python:3.12-slim AS build
# expect: tls-verification-disabled
RUN curl -kfsSL https://example.com/a.tgz -o /tmp/a.tgz
# expect: tls-verification-disabled
RUN apt-get update && wget --no-check-certificate https://example.com/b -O /b
RUN set -e \
# expect: tls-verification-disabled
 && pip install --trusted-host pypi.internal -r requirements.txt
# expect: tls-verification-disabled
RUN sudo sh -c 'npm config set strict-ssl false'
# expect: tls-verification-disabled
RUN GIT_SSL_NO_VERIFY=1 git clone https://git.example/repo.git
# expect: tls-verification-disabled
RUN git -c http.sslVerify=false clone https://git.example/repo.git
# expect: tls-verification-disabled
RUN dnf install -y --setopt=sslverify=false httpd
FROM python:3.12-slim
# expect: tls-verification-disabled
ENV PYTHONHTTPSVERIFY=0
# expect: tls-verification-disabled
ARG NODE_TLS_REJECT_UNAUTHORIZED=0
