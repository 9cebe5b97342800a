# the configuration is written in the stage the final stage is built FROM
FROM debian:bookworm-slim AS base
RUN printf 'APT::Install-Recommends "false";\n' > /etc/apt/apt.conf.d/99norecommends

FROM base
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
