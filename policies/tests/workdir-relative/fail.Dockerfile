FROM node:22-slim
# expect: workdir-relative
WORKDIR app
