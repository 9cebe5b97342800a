FROM alpine:3.20
LABEL maintainer="Jane Doe <jane@example.com>"
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
RUN echo "MAINTAINER is deprecated"
