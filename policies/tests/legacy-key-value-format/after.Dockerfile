FROM debian:12
ENV NODE_ENV=production
LABEL maintainer="Jane"
