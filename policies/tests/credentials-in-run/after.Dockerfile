FROM debian:12
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
