# USER is inherited from the stage the final stage is built FROM
FROM node:22-slim AS base
RUN useradd --system app
USER app

FROM base AS final
COPY . /app
CMD ["node", "/app/server.js"]
