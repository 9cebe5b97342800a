FROM node:22-slim
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
RUN --mount=type=secret,id=gh,env=GITHUB_TOKEN git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/acme/lib.git"
RUN --mount=type=ssh git clone git@github.com:acme/lib.git
# no credential: a user name alone, a plain URL, a password read from stdin
RUN git clone https://git@github.com/acme/lib.git && git clone https://github.com/acme/lib.git lib2
RUN npm config set registry https://registry.npmjs.org/ && npm config get _authToken || true
RUN docker login --password-stdin -u ci registry.example.com < /dev/null || true
RUN echo '{}' > /app/config.json && aws configure set region eu-west-1
RUN echo "cat .npmrc" && curl -fsSL -u ci https://example.com/x -o /tmp/x
# configuration without credentials, and variables the Dockerfile never declares
RUN echo '{}' > /root/.docker/config.json && echo 'registry = https://registry.example/' > /root/.npmrc
RUN echo "unsafe-perm = true" >> ~/.npmrc && echo '<settings><mirrors/></settings>' > settings.xml
RUN git config --global url."https://${GIT_USER}:${GIT_TOKEN}@github.com".insteadOf "https://github.com"
