FROM debian:bookworm-slim
RUN wget -q https://example.com/a.tgz
# expect: curl-and-wget
RUN curl -fsSLO https://example.com/b.tgz && wget -q https://example.com/c
