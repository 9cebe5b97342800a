FROM debian:12
RUN mkdir /data && chmod -R 777 /data
