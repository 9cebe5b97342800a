FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
RUN make -C /src && apt-get purge -y --auto-remove gcc libc6-dev
