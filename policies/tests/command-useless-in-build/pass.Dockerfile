FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends vim procps
RUN service postgresql start && psql -c 'create database x' && service postgresql stop
RUN ps aux && kill -0 1 && free -m && vim --version && top -b -n 1
RUN echo "vim" && cat x | less
