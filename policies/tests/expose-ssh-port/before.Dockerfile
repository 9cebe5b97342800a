FROM debian:12
RUN apt-get install -y openssh-server
EXPOSE 22 8080
