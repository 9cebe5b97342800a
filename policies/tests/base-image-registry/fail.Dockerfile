ARG MIRROR=docker-mirror.example:5000
# expect: base-image-registry
FROM registry.random.example/node:22 AS build
# expect: base-image-registry
FROM ${MIRROR}/library/alpine:3.20
COPY --from=build /app /app
