# the docker-library pattern: the entrypoint starts as root, fixes the ownership of the
# data volume, then drops to an unprivileged user with gosu and execs the server
FROM debian:bookworm-slim
RUN set -eux; \
	wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64"; \
	chmod +x /usr/local/bin/gosu; \
	gosu nobody true
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["mongod"]
