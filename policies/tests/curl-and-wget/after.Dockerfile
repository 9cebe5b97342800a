FROM debian:12
RUN curl -fsSLO https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz
