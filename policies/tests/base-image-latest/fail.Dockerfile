# expect: base-image-latest
FROM ubuntu
RUN echo hi
# expect: base-image-latest
FROM nginx:latest AS web
# expect: base-image-latest
FROM ghcr.io/example/tool:latest
