FROM debian:bookworm-slim AS base
COPY vendor.tar.gz /tmp/
# expect: copy-archive-then-extract
RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
FROM base
COPY ["dist/app.tgz", "/srv/app.tgz"]
COPY rootfs.tar.xz /
# expect: copy-archive-then-extract, copy-archive-then-extract
RUN mkdir -p /srv/app && tar xf /srv/app.tgz -C /srv/app && bsdtar --extract --file=/rootfs.tar.xz -C /
