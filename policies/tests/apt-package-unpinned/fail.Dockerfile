FROM debian:bookworm-slim
# expect: apt-package-unpinned
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 git
RUN apt-get update \
# expect: apt-package-unpinned
 && apt-get install -y \
      ca-certificates
# expect: apt-package-unpinned
RUN sudo apt-get -y install jq
# expect: apt-package-unpinned
RUN sh -c 'apt-get install -y less'
FROM debian:bookworm AS build
# expect: apt-package-unpinned
RUN apt install -y make
