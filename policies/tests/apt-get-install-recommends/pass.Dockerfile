FROM debian:bookworm AS build
# builder stages do not ship their layers
RUN apt-get install -y build-essential

FROM debian:bookworm-slim
RUN apt-get install -y --no-install-recommends curl
RUN apt-get -o APT::Install-Recommends=false install -y git
RUN apt-get install -y $APT_OPTS jq
COPY --from=build /out /out
