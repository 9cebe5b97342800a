FROM debian:bookworm AS build
RUN wget -q https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl wget
RUN curl -fsSLO https://example.com/b.tgz && echo wget
COPY --from=build /a.tgz /
