FROM debian:bookworm-slim
# expect: apt-get-install-recommends
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
# expect: apt-get-install-recommends
RUN apt-get install -y --no-install-suggests curl
