FROM debian:bookworm-slim
RUN wget -q https://example.com/a && wget -qO- https://example.com/b > /tmp/b
RUN wget -nv https://example.com/c && wget --progress=dot:giga https://example.com/d
RUN wget --no-verbose https://example.com/e && wget -o /tmp/log https://example.com/f
HEALTHCHECK CMD wget --spider http://localhost/ || exit 1
