FROM debian:bookworm-slim
RUN apt-get update
# expect: consecutive-run
RUN apt-get install -y --no-install-recommends curl
# a comment between them does not separate the layers
# expect: consecutive-run
RUN rm -rf /var/lib/apt/lists/*
