FROM debian:12
RUN useradd --no-log-init --uid 1000000 app
