FROM debian:12
RUN cd /app && npm ci
