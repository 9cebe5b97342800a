FROM debian:12
LABEL Maintainer="team@acme.example" com.docker.image.version=2
