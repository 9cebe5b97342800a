FROM debian:12
RUN curl -fsSLo /tmp/tool.tgz http://downloads.example.org/tool-1.4.tgz
