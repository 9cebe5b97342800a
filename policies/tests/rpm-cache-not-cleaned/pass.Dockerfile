FROM rockylinux:9 AS build
RUN dnf install -y gcc make
FROM rockylinux:9
RUN dnf install -y httpd && dnf clean all
RUN yum install -y git && yum clean all && rm -rf /var/cache/yum
RUN microdnf install -y tar && microdnf clean all
RUN dnf install -y jq && rm -rf /var/cache/dnf/*
RUN dnf5 install -y less && rm -rf /var/cache/libdnf5
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y vim
RUN dnf repolist && echo dnf install -y curl
COPY --from=build /out /out
