FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
FROM deps AS build
# WORKDIR inherited from the stage it is built FROM
COPY . .
FROM scratch
# scratch starts at /, which is known
COPY --from=build /app/dist dist
FROM alpine:3.20
ARG DEST=/opt/app
COPY config.yaml /etc/app/config.yaml
COPY config.yaml ${DEST}
COPY --from=build /app/dist $DEST/
COPY ["run.sh", "/usr/local/bin/"]
