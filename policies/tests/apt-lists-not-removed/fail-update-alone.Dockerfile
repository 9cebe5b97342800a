# the lists are downloaded by a RUN of their own: that layer keeps them, whatever the
# next RUN removes
FROM debian:bookworm-slim
# expect: apt-lists-not-removed
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# apt 3 downloads the lists with install --update
# expect: apt-lists-not-removed
RUN apt-get install --update -y --no-install-recommends git
