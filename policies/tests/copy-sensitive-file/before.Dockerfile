FROM debian:12
COPY .npmrc package*.json ./
RUN npm ci && rm .npmrc
