FROM node:22.11-bookworm-slim
# or, fully pinned:
FROM node:22.11-bookworm-slim@sha256:<digest>
