# a builder stage that does not reach the image may do as it likes
FROM golang:1.22 AS scratchpad
RUN chmod 777 /go
FROM golang:1.22 AS build
RUN chmod 755 /go/bin
FROM debian:bookworm-slim
COPY --from=build /go/bin/app /usr/local/bin/app
ARG MODE
# sticky bit: the /tmp idiom
RUN chmod 1777 /tmp/shared && chmod a+rwxt /tmp/other
# no "who": the umask keeps other-write off
RUN chmod +w /srv/app.conf && chmod -R u+rwX,g+rX /srv
RUN chmod 775 /srv && chmod g+w /srv && chmod o-w /srv && chmod $MODE /srv
RUN mkdir -m 750 /data && install -m 0755 /usr/local/bin/app /usr/bin/app
RUN echo chmod 777 /x
COPY --chmod=755 entrypoint.sh /
