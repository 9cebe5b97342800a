FROM debian:12
RUN pip install --no-cache-dir -r requirements.txt
# or, with BuildKit:
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
