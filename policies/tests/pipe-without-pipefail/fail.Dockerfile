FROM debian:bookworm-slim
# expect: pipe-without-pipefail
RUN curl -fsSL https://example.com/versions.txt | grep -m1 stable > /tmp/version
RUN set -e \
# expect: pipe-without-pipefail
 && wget -qO- https://example.com/install.sh | sh
# expect: pipe-without-pipefail
RUN grep -v '^#' /etc/x | sort > /tmp/y && set -o pipefail
