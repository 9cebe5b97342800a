FROM debian:bookworm-slim
# expect: pipe-without-pipefail
RUN curl -fsSL https://example.com/versions.txt | sort -V | tail -n 1 > /tmp/version
RUN set -e \
# expect: pipe-without-pipefail
 && wget -qO- https://example.com/install.sh | sh
# expect: pipe-without-pipefail
RUN git ls-remote --tags https://github.com/o/r | sort -V > /tmp/tags && set -o pipefail
