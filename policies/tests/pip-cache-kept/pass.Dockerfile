FROM python:3.12 AS build
RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
FROM base
RUN pip install -r requirements.txt
FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN PIP_NO_CACHE_DIR=off pip install flask==3.0.3
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn==23.0.0
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install uvicorn==0.30.6
RUN pip install attrs==23.2.0 && rm -rf /root/.cache
RUN pipx install black && pip list && pip freeze > /tmp/req.txt
RUN pip config set global.no-cache-dir true
RUN pip install six==1.16.0
COPY --from=build /venv /venv
RUN pip install --no-index --find-links /wheels app
