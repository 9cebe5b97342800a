FROM node:20-slim
WORKDIR /app
COPY . .
# expect: init-missing
CMD ["node", "server.js"]
