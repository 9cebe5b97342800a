FROM debian:bookworm-slim
ARG PKGS="curl git"
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 git=1:2.39.5-0
RUN apt-get install -y $PKGS ${MORE}
RUN apt-get install -y -t bookworm-backports golang
RUN apt-get install -y cmake/bookworm-backports
RUN apt-get install -y ./vendor/tool_1.2_amd64.deb /tmp/x.deb
RUN apt-get install -y -o Dpkg::Options::=--force-confold tzdata=2024a-0
RUN apt-get install -f -y
RUN echo apt-get install curl
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y $(cat /tmp/packages.txt)
