FROM debian:bookworm-slim
# expect: pipe-without-pipefail
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
RUN set -e \
# expect: pipe-without-pipefail
 && wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/x.gpg
# expect: pipe-without-pipefail
RUN grep -v '^#' /etc/x | sort > /tmp/y && set -o pipefail
