FROM debian:12
EXPOSE 53/udp
