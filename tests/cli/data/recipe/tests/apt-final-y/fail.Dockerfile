FROM debian:12 AS build
# a build stage may prompt all it likes: not the final image
RUN apt-get install gcc
FROM debian:12
RUN apt-get update && \
# expect: apt-final-y
    sudo apt-get install curl && apt-get install -qy git
