FROM debian:bookworm-slim
ENTRYPOINT ["/init"]
