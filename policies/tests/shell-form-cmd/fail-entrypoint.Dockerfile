FROM python:3.12-slim AS base
# expect: shell-form-cmd
ENTRYPOINT python -m app

# inherited by the final stage, which sets only CMD
FROM base
CMD ["--port", "8080"]
