FROM node:22-slim
WORKDIR /app
COPY . .
# expect: shell-form-cmd
CMD node server.js
