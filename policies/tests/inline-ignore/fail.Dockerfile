# check=skip=StageNameCasing
FROM alpine:3.20 AS Build
# findings sit on the suppression comments' own lines: see fail.Dockerfile.expect
# hadolint ignore=DL3018,DL3019
RUN apk add curl
# plimsoll global ignore=consecutive-run -- generated file
FROM build
# plimsoll ignore=apk-add-cache -- the cache is cleared in the next stage
RUN apk add git
