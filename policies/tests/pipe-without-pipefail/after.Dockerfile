FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/versions.txt | sort -V | tail -n 1 > /tmp/version
