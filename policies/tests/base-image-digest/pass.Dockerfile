ARG BASE
FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
# an earlier stage, scratch and an undecidable reference are not pulled by tag here
FROM build AS test
FROM ${BASE} AS custom
FROM scratch
COPY --from=build /wheels /wheels
