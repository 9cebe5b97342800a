FROM node:22-slim AS base
HEALTHCHECK CMD ["node", "/app/health.js"]

FROM base
COPY . /app
