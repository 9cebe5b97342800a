FROM debian:12
RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci
