# syntax=docker/dockerfile:1
# a comment
ARG BASE=alpine:3.20
ARG TAG
FROM $BASE
ENV A=1
FROM alpine:3.20
LABEL x=y
