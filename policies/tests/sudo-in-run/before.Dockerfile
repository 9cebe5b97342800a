FROM debian:12
USER app
RUN sudo apt-get update && sudo apt-get install -y curl
