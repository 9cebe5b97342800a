FROM debian:12
RUN apt-get update && apt-get install -qy --no-install-recommends curl
RUN echo apt-get install is only text here
RUN sh -c 'apt-get install --yes git'
