FROM debian:12
RUN npm install -g pnpm@9.12.3
