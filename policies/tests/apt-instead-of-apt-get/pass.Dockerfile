FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends apt-transport-https
RUN apt-cache policy curl && echo "apt install" && ls /etc/apt
RUN apt-get install -y ./apt_1.0.deb
