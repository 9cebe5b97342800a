FROM debian:12
LABEL org.opencontainers.image.authors="team@acme.example" com.acme.image.version=2
