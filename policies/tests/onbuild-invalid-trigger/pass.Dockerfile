FROM node:22-slim
ONBUILD COPY package*.json ./
ONBUILD RUN npm ci --omit=dev
ONBUILD LABEL from=maintainer
