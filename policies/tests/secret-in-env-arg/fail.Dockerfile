# expect: secret-in-env-arg
ARG NPM_TOKEN=npm_s3cr3tT0kenValue
FROM node:22-slim
# expect: secret-in-env-arg
ENV DB_PASSWORD=hunter2
# expect: secret-in-env-arg
ENV API_KEY="f3a9c1d27b4e8f60"
# expect: secret-in-env-arg
ARG GITHUB_TOKEN=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5
# a known credential shape is flagged whatever the name
# expect: secret-in-env-arg
ENV UPLOAD_ID=AKIAQ3EGRZ7XKJ4T5NBW
