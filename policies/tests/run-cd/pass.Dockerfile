FROM node:22-slim
WORKDIR /app
RUN npm ci
RUN (cd /tmp && make) && echo "$(cd /opt && pwd)"
RUN echo cd /app && cd -
