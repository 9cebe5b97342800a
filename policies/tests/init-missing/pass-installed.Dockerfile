FROM alpine:3.20
RUN apk add --no-cache tini=0.19.0-r3
COPY entrypoint.sh /
ENTRYPOINT ["/entrypoint.sh"]
