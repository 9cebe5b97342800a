FROM debian:12
COPY requirements.txt app/ /srv/
