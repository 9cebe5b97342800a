# expect: approved-registry
FROM python:3.12-slim
# expect: approved-registry
FROM ghcr.io/acme/tool:1.4 AS tool
