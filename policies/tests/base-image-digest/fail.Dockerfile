ARG VERSION=3.12
# expect: base-image-digest
FROM python:${VERSION}-slim AS build
RUN pip wheel -w /wheels .
# expect: base-image-digest
FROM ghcr.io/acme/runtime:1.4
COPY --from=build /wheels /wheels
