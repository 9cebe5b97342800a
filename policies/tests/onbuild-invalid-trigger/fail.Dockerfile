FROM node:22-slim
# expect: onbuild-invalid-trigger
ONBUILD ONBUILD RUN npm ci
# expect: onbuild-invalid-trigger
ONBUILD from node:22
# expect: onbuild-invalid-trigger
ONBUILD MAINTAINER someone
