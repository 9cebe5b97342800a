FROM debian:12
RUN wget -q https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz
