test("every kind of suppression comment is reported at its own line", function(t)
  t:dockerfile([[
# check=skip=StageNameCasing
FROM alpine:3.20 AS Build
# hadolint ignore=DL3018,DL3019
RUN apk add curl
# hadolint global ignore=DL3059
# hadolint stage ignore=DL3011
FROM build
# plimsoll ignore=apk-add-cache -- the cache is cleared in the next stage
RUN apk add git
# check=skip=JSONArgsRecommended
CMD run
]]):rule("inline-ignore"):finds {
    { 1, "whole file" }, { 3, "hadolint" }, { 5, "hadolint" }, { 6, "hadolint" },
    { 8, "plimsoll" }, { 10, "BuildKit" },
  }
end)

test("comments that only mention the tools are not suppressions", function(t)
  t:dockerfile([[
# syntax=docker/dockerfile:1
# check=error=true
# hadolint is run in CI; plimsoll too
# plimsoll ignores nothing here
FROM alpine:3.20
RUN echo "# hadolint ignore=DL3018"
]]):rule("inline-ignore"):passes()
end)
