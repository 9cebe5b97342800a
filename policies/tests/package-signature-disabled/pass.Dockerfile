FROM fedora:40
RUN rpm --import https://example.com/key.asc && rpm -ivh /tmp/x.rpm
RUN dnf install -y --setopt=gpgcheck=1 httpd && dnf clean all
RUN echo apk add --allow-untrusted && apt-get install -y --no-install-recommends curl
RUN yum install -y --setopt=install_weak_deps=0 httpd
