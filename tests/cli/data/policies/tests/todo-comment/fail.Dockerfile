FROM alpine:3.20
# TODO: remove this
RUN true
