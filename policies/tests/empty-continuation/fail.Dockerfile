FROM alpine:3.20
# expect: empty-continuation
RUN apk add --no-cache \

    curl
RUN echo ok
