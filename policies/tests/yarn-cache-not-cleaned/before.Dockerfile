FROM debian:12
RUN yarn install --frozen-lockfile
