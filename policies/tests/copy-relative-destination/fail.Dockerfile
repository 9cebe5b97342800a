FROM python:3.12-slim AS base
# expect: copy-relative-destination
COPY requirements.txt ./
# expect: copy-relative-destination
ADD --chown=app:app src app/
FROM base
# the base stage set no WORKDIR either
# expect: copy-relative-destination
COPY --from=base /usr/local/lib/python3.12 lib
# expect: copy-relative-destination
COPY ["main.py", "."]
WORKDIR /srv
COPY main.py .
