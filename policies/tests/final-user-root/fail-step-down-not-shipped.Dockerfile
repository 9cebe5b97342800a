# gosu only in a builder stage: the final image cannot step down
FROM alpine:3.20 AS tools
RUN apk add --no-cache su-exec

# expect: final-user-root
FROM alpine:3.20
COPY --from=tools /etc/os-release /tmp/os-release
CMD ["sh"]
