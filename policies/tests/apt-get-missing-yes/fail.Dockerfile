FROM debian:bookworm-slim
# expect: apt-get-missing-yes
RUN apt-get install --no-install-recommends curl
# expect: apt-get-missing-yes
RUN apt-get update && apt-get install -q curl
# expect: apt-get-missing-yes
RUN apt install git
