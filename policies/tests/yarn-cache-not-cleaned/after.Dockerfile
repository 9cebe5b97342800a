FROM debian:12
RUN yarn install --frozen-lockfile && yarn cache clean
# or, with BuildKit:
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
