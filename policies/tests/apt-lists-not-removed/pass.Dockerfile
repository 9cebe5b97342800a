# a builder stage the final stage only copies from ships no layers
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
RUN make

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists
RUN --mount=type=cache,target=/var/lib/apt/lists --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends jq
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends vim-tiny
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends less
RUN apt-get update && apt-get install -y --no-install-recommends zip && apt-get dist-clean
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends unzip
rm -rf /var/lib/apt/lists/*
EOF
# "apt-get update" in a word is not a command
RUN echo "apt-get update later"
COPY --from=build /out /out
