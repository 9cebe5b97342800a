FROM debian:bookworm-slim
# expect: workdir-system-dir
WORKDIR /usr
# expect: workdir-system-dir
WORKDIR /proc/self
# expect: workdir-system-dir
WORKDIR /etc/
ARG DIR=/dev/shm
# expect: workdir-system-dir
WORKDIR $DIR
# expect: workdir-system-dir
WORKDIR //bin
