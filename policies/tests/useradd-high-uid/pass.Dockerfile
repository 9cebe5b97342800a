FROM debian:bookworm-slim
ARG UID=1000000
RUN useradd -l --uid 1000000 app && useradd --no-log-init -u 2000000 b
RUN useradd -u 10001 c && useradd -u "$UID" d && useradd -lu 3000000 e
RUN adduser --uid 65534 f
