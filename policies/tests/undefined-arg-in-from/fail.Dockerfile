ARG VARIANT=slim
# expect: undefined-arg-in-from
FROM node:${NODE_VERSION}-${VARIANT}
ARG BASE=alpine:3.20
# expect: undefined-arg-in-from
FROM $BASE
