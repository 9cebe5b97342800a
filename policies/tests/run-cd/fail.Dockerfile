FROM node:22-slim
# expect: run-cd
RUN cd /app && npm ci
# expect: run-cd
RUN cd /tmp
