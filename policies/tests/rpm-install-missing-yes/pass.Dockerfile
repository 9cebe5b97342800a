FROM rockylinux:9
ARG DNF_OPTS
RUN dnf install -y httpd && dnf -y upgrade && yum --assumeyes install git
RUN dnf install -qy tar && dnf --setopt=assumeyes=1 install gzip
RUN dnf install $DNF_OPTS httpd
RUN microdnf install tar gzip && microdnf clean all
RUN dnf clean all && dnf makecache && yum repolist && dnf list installed
RUN echo "assumeyes=1" >> /etc/dnf/dnf.conf
RUN dnf install nginx
