FROM node:22-slim AS build
ARG NPM_TOKEN
# expect: credentials-in-run
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > /root/.npmrc && npm ci
# expect: credentials-in-run
RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"
ARG GITHUB_TOKEN
# expect: credentials-in-run
RUN git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/acme/lib.git"
# expect: credentials-in-run
RUN git clone https://$GITHUB_TOKEN@github.com/acme/lib.git
FROM python:3.12-slim
ARG AWS_SECRET
# expect: credentials-in-run
RUN aws configure set aws_secret_access_key "$AWS_SECRET"
ARG REG_PASS
# expect: credentials-in-run
RUN sudo docker login -u ci -p "$REG_PASS" registry.example.com
ARG PIP_PASS
# expect: credentials-in-run
RUN pip install --index-url "https://ci:${PIP_PASS}@pypi.example.com/simple" app
# expect: credentials-in-run
RUN printf 'machine example.com login ci password %s\n' "$PIP_PASS" | tee /root/.netrc
ARG DB_PASS
# expect: credentials-in-run
RUN echo "127.0.0.1:5432:app:app:${DB_PASS}" > ~/.pgpass
# expect: credentials-in-run
RUN git clone https://jo:tkd8r0803x@bitbucket.org/jo/app.git
