# a simulated install installs nothing (docker-library/postgres probes a package so)
FROM debian:bookworm-slim
RUN apt-get update; \
	if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then \
		apt-get install -y --no-install-recommends "postgresql-18-jit"; \
	fi; \
	apt-get install --download-only -y curl; \
	rm -rf /var/lib/apt/lists/*
