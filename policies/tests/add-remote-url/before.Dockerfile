FROM debian:12
ADD https://example.com/tool-1.4.2.tar.gz /tmp/
