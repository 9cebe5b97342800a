# a shell-form ENTRYPOINT that execs through gosu
FROM debian:bookworm-slim
ENTRYPOINT exec gosu app /usr/local/bin/app
