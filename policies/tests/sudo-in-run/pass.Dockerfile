FROM ubuntu:24.04
# installing the package, configuring it, or mentioning it is not using it
RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app && echo sudo
RUN gosu nobody true
USER 1000
CMD ["sudo", "-n", "true"]
