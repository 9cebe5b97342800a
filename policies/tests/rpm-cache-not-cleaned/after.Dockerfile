FROM fedora:40
RUN dnf install -y httpd && dnf clean all
# or, with BuildKit:
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd
