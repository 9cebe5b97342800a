FROM alpine:3.20
# expect: final-user-root
USER 0:0
