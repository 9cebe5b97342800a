FROM debian:bookworm-slim
# expect: chmod-world-writable
RUN mkdir /data && chmod -R 777 /data
# expect: chmod-world-writable
RUN chmod a+w /srv/app.sh
# expect: chmod-world-writable
RUN chmod u+x,o+w /srv/run.sh
# expect: chmod-world-writable
RUN sudo chmod 0666 /etc/app.conf
# expect: chmod-world-writable
RUN sh -c 'chmod 2777 /shared'
# expect: chmod-world-writable
RUN mkdir -p -m 777 /cache
# expect: chmod-world-writable
COPY --chmod=777 entrypoint.sh /
# expect: chmod-world-writable
RUN install -m 0776 tool /usr/local/bin/tool
