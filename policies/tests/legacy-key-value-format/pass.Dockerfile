FROM node:22-slim
ENV NODE_ENV=production
LABEL maintainer="Jane Doe" org.opencontainers.image.source=https://github.com/o/r
ENV A=1 B="two words"
ARG V 
RUN echo "ENV X y"
