FROM node:22 AS build
RUN yarn install --frozen-lockfile && yarn build
FROM node:22-slim
RUN yarn install --production && yarn cache clean
RUN yarn add left-pad@1.3.0 && rm -rf /usr/local/share/.cache/yarn
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/root/.cache/yarn yarn install
RUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc
RUN yarn --version && yarn build && yarn run test && echo yarn install
COPY --from=build /app/dist /app/dist
