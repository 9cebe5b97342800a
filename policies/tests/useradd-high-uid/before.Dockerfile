FROM debian:12
RUN useradd --uid 1000000 app
