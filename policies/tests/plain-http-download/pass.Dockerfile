FROM debian:bookworm-slim
ARG MIRROR
RUN curl -fsSLo /tmp/tool.tgz https://downloads.example.org/tool-1.4.tgz
RUN wget -O /tmp/t.tgz http://downloads.example.org/t.tgz && echo "abc  /tmp/t.tgz" | sha256sum -c -
RUN curl -fsS http://localhost:8080/health && curl http://127.0.0.1/ && curl http://nexus:8081/repo/x.jar
RUN curl http://10.1.2.3/x http://172.20.0.1/y http://build.internal/z http://registry.svc.cluster.local/a
RUN curl -o x "http://$MIRROR/x" && curl -o y http://${MIRROR}/y
RUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list
RUN wget http://example.org/f.tar.gz.asc http://example.org/f.tar.gz && gpg --batch --verify f.tar.gz.asc f.tar.gz
ADD http://example.org/file.tgz /tmp/
