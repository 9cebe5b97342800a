# privileges dropped by ENTRYPOINT itself
FROM debian:bookworm-slim
ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "/app"]
