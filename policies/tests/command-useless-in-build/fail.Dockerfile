FROM debian:bookworm-slim
# expect: command-useless-in-build
RUN service nginx start
# expect: command-useless-in-build
RUN vim /etc/hosts
# expect: command-useless-in-build
RUN apt-get update && shutdown -h now
