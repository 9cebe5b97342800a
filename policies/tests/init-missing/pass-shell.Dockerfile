FROM python:3.12-slim AS base
ENTRYPOINT exec dumb-init -- python -m app
FROM base
CMD ["--port", "8080"]
