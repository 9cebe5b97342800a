# an install that does not update reads lists an earlier layer holds (here none: a
# local package): removing them here would shrink nothing
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY pkg.deb /tmp/pkg.deb
RUN apt-get install -y --no-install-recommends /tmp/pkg.deb && rm /tmp/pkg.deb
# apt 3: install --update, then dist-clean
RUN apt-get install --update -y --no-install-recommends bzip2; \
	apt-get dist-clean
