FROM ubuntu:24.04
USER ubuntu
# expect: sudo-in-run
RUN sudo apt-get update
# expect: sudo-in-run
RUN mkdir -p /tmp/x && sudo -E chown ubuntu /opt
