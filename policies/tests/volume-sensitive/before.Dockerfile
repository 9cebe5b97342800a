FROM debian:12
VOLUME /etc /data
