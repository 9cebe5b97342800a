ARG TAG
ARG IMAGE=""
ARG REGISTRY
# expect: invalid-default-arg-in-from
FROM alpine:${TAG}
# expect: invalid-default-arg-in-from
FROM $IMAGE AS x
# expect: invalid-default-arg-in-from
FROM ${REGISTRY}/library/alpine:3.20
