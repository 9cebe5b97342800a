ARG TAG
FROM registry.acme.example/library/python:3.12-slim AS build
# an earlier stage, scratch, and an undecidable reference are not registries
FROM build AS test
FROM scratch
FROM builds.acme.example/base/node:${TAG}
