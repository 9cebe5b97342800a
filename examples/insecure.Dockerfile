# A small Node.js API, written the way many real Dockerfiles are.
# Try: plimsoll check examples/insecure.Dockerfile
FROM node
MAINTAINER Dev Team <dev@example.com>

ARG NPM_TOKEN=npm_Xq3vT9kLm2Pz8Rw4Yb6Nc1Hd5Fj7Gs0Ka2Eu
ENV NODE_ENV=production
ENV DATABASE_PASSWORD=s3cr3t-db-pass

RUN apt-get update && apt-get install imagemagick
RUN curl -fsSL https://example.com/install-agent.sh | bash

WORKDIR app
ADD package.json package-lock.json ./
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
ADD . .

EXPOSE 3000
CMD node server.js
