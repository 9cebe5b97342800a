FROM debian:bookworm-slim
RUN apt-get install -y curl
RUN apt-get -y install curl
RUN apt-get install -qy curl
RUN apt-get install --yes curl
RUN apt-get install --assume-yes curl
RUN apt-get install -qq curl
RUN apt-get -q=2 install curl
RUN apt-get -o APT::Get::Assume-Yes=true install curl
RUN apt-get install $APT_FLAGS curl
RUN apt-get update && apt-get upgrade -y
RUN apt-cache show install
RUN echo apt-get install curl
