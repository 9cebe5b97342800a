# syntax=docker/dockerfile:1
FROM alpine:3.20 AS base
run echo lower-case keywords are instructions too
Workdir /app
ONBUILD RUN echo triggers are instructions
HEALTHCHECK NONE
COPY <<EOF /app/notes.txt
RUNN is only text inside a heredoc
EOF
STOPSIGNAL SIGTERM
