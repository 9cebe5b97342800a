FROM rockylinux:9
ARG PKGS
RUN dnf install -y httpd-2.4.62 python3.12-3.12.5-2.el9 && dnf clean all
RUN dnf install -y nodejs:20 @development /tmp/tool-1.0.rpm https://example.com/x-1.0.rpm
RUN yum install -y $PKGS ${MORE} && yum clean all
RUN dnf groupinstall -y "Development Tools" && dnf module enable -y nodejs:20
RUN dnf --enablerepo crb install -y "gcc >= 11"
RUN echo dnf install -y httpd
