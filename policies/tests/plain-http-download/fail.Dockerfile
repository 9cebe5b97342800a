FROM debian:bookworm-slim
# expect: plain-http-download
RUN curl -fsSLo /tmp/tool.tgz http://downloads.example.org/tool-1.4.tgz && tar -xzf /tmp/tool.tgz
# expect: plain-http-download
RUN wget -q "HTTP://user:pw@mirror.acme.com:8080/pkg.deb" && dpkg -i pkg.deb
RUN set -eux; \
# expect: plain-http-download
    sh -c 'curl -o key.asc http://keys.example.net/release.asc'; \
    apt-key add key.asc
