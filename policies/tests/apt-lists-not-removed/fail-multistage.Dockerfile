FROM ubuntu:24.04 AS base
# expect: apt-lists-not-removed
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

# base's layers ship: the final stage is built FROM it
FROM base
USER 1000
