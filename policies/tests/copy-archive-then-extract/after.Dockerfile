FROM debian:12
RUN --mount=type=bind,source=vendor.tar.gz,target=/tmp/vendor.tar.gz \
    tar -xzf /tmp/vendor.tar.gz -C /opt
