FROM node:22-slim
# expect: yarn-cache-not-cleaned
RUN yarn install --frozen-lockfile && yarn build
# expect: yarn-cache-not-cleaned
RUN yarn global add pm2@5.4.2
# expect: yarn-cache-not-cleaned
RUN yarn --production
