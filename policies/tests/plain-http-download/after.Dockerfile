FROM debian:12
RUN curl -fsSLo /tmp/tool.tgz https://downloads.example.org/tool-1.4.tgz \
 && echo "<sha256>  /tmp/tool.tgz" | sha256sum -c -
