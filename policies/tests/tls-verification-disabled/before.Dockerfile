FROM debian:12
RUN curl -kfsSL https://example.com/tool.tar.gz | tar -xz
