FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
COPY x /x
RUN make
RUN --mount=type=cache,target=/root/.cache make test
FROM alpine:3.20
RUN echo new stage
