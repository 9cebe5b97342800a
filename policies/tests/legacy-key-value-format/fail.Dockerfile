FROM node:22-slim
# expect: legacy-key-value-format
ENV NODE_ENV production
# expect: legacy-key-value-format
LABEL maintainer "Jane Doe"
# expect: legacy-key-value-format
ENV A 1 B 2
