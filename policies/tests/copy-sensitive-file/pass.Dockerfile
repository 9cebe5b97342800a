# the recommended pattern: secrets only in a builder whose layers do not ship
FROM node:20-slim AS build
WORKDIR /app
COPY .npmrc package.json ./
RUN npm ci
FROM node:20-slim
ARG KEYFILE
COPY --from=build /app/node_modules /app/node_modules
COPY .env.example /app/.env
COPY ca.pem server.crt /etc/ssl/certs/
COPY id_rsa.pub /root/.ssh/authorized_keys
COPY envsubst.sh environment.yaml /app/
COPY $KEYFILE /app/
ADD https://example.com/.env /tmp/
COPY keyboard.conf monkey.json /app/
COPY library-scripts/*.sh library-scripts/meta.env /tmp/library-scripts/
ADD nodesource.gpg.key /tmp/nodesource.gpg.key
ADD cfg/.ssh/authorized_keys cfg/.ssh/known_hosts /tmp/
COPY security/truststore.jks /etc/es/
