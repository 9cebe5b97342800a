# expect: from-latest
FROM alpine:latest AS base
# expect: from-latest, todo-comment
FROM debian:latest
