FROM debian:12
RUN curl -fsSL https://example.com/versions.txt | sort -V | tail -n 1 > /tmp/version
