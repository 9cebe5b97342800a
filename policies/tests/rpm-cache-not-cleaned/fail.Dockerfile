FROM rockylinux:9
# expect: rpm-cache-not-cleaned
RUN dnf install -y httpd
# expect: rpm-cache-not-cleaned
RUN yum -y update && yum -y install git && yum clean packages
# expect: rpm-cache-not-cleaned
RUN microdnf install -y tar
RUN dnf clean all
