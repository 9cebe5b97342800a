FROM node:20-slim AS base
WORKDIR /app
# expect: copy-sensitive-file
COPY .npmrc package.json ./
FROM base
# expect: copy-sensitive-file
COPY .env /app/.env
# expect: copy-sensitive-file
COPY ["./keys/id_rsa", "/root/.ssh/id_rsa"]
# expect: copy-sensitive-file
ADD config/.aws/credentials /root/.aws/credentials
# expect: copy-sensitive-file
COPY --chown=app .git/ /app/.git/
# expect: copy-sensitive-file
COPY tls/server.key tls/server.crt /etc/tls/
# expect: copy-sensitive-file
COPY --from=secrets /root/.ssh /root/.ssh
# expect: copy-sensitive-file, copy-sensitive-file
COPY .env.production deploy/go_github_key.pem /app/
