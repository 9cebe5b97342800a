# the configuration is written in another lineage, or only after the install
FROM debian:bookworm-slim AS other
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends

FROM debian:bookworm-slim
# an option on one apt-get run does not carry to the next
RUN apt-get -o APT::Install-Recommends=false install -y git
# expect: apt-get-install-recommends
RUN apt-get install -y jq
# expect: apt-get-install-recommends
RUN apt-get update && apt-get install -y curl \
 && echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
COPY --from=other /etc/os-release /tmp/
