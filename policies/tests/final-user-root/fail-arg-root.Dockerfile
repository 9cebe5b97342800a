FROM alpine:3.20
ARG RUNAS=root
# expect: final-user-root
USER ${RUNAS}
