FROM debian:bookworm-slim
# expect: apt-lists-not-removed
RUN apt-get update && apt-get install -y --no-install-recommends curl
# cleaning in a later RUN does not shrink the earlier layer
RUN rm -rf /var/lib/apt/lists/*
# apt-get clean empties /var/cache/apt, not the lists
# expect: apt-lists-not-removed
RUN apt-get update && apt-get install -y --no-install-recommends git && apt-get clean
# a cache mount on /var/cache/apt alone does not cover the lists
# expect: apt-lists-not-removed
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends make
