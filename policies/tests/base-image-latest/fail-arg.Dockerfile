ARG BASE=node
# expect: base-image-latest
FROM ${BASE}
ARG REGISTRY=registry.example.com:5000
# expect: base-image-latest
FROM ${REGISTRY}/team/app
