# full images in build stages are fine
FROM python:3.12 AS build
RUN pip wheel -w /wheels .
FROM python:3.12-slim-bookworm
COPY --from=build /wheels /wheels
