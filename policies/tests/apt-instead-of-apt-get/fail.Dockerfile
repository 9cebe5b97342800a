FROM ubuntu:24.04
# expect: apt-instead-of-apt-get, apt-instead-of-apt-get
RUN apt update && apt install -y curl
# expect: apt-instead-of-apt-get
RUN sudo apt-get update && sudo /usr/bin/apt upgrade -y
