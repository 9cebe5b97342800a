FROM python:3.12-slim AS base
# expect: init-missing
ENTRYPOINT ["/docker-entrypoint.sh"]
FROM base
CMD ["python", "-m", "app"]
