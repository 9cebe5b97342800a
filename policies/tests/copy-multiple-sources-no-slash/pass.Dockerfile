FROM node:22-slim
ARG OUT
COPY package.json package-lock.json /app/
COPY ["a.txt", "b.txt", "/data/"]
COPY --link --chmod=755 a b ./
COPY src /app
COPY *.json /app
COPY a b $OUT
