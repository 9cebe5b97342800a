FROM debian:12
ADD requirements.txt app/ /srv/
