ARG BASE=alpine:3.20
# expect: instruction-before-from
LABEL org.opencontainers.image.source=https://github.com/o/r
# expect: instruction-before-from
ENV A=1
FROM $BASE
