FROM debian:12-slim AS base
# expect: expose-ssh-port
EXPOSE 22/tcp
FROM base
ARG SSH=20-30
# expect: expose-ssh-port
EXPOSE 8080 ${SSH}
