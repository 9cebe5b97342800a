FROM node:22-slim
ARG DEST=/app
# expect: copy-multiple-sources-no-slash
COPY package.json package-lock.json /app
# expect: copy-multiple-sources-no-slash
COPY ["a.txt", "b.txt", "/data"]
# expect: copy-multiple-sources-no-slash
ADD --chown=node a b $DEST
