FROM debian:12
WORKDIR /usr
COPY . .
