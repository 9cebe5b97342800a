FROM alpine:3.20
# expect: add-instead-of-copy
ADD requirements.txt /app/
# expect: add-instead-of-copy
ADD --chown=app:app src/ config.yaml /app/
# expect: add-instead-of-copy
ADD ["start.sh", "/usr/local/bin/start.sh"]
ARG CONF=nginx.conf
# expect: add-instead-of-copy
ADD ${CONF} /etc/nginx/nginx.conf
# ADD does not unpack zip files: it copies them as COPY would
# expect: add-instead-of-copy
ADD site.zip /srv/
