FROM debian:12
RUN mkdir /data && chown -R app:app /data && chmod -R 750 /data
