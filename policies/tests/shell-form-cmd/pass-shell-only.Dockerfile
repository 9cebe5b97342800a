# the default command is an interactive shell: the JSON form would start the same shell
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends vim && rm -rf /var/lib/apt/lists/*
CMD /bin/bash -l
