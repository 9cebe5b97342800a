FROM rockylinux:9
# expect: rpm-package-unpinned
RUN dnf install -y httpd-2.4.62 mod_ssl && dnf clean all
# expect: rpm-package-unpinned
RUN yum -y --setopt=tsflags=nodocs install epel-release && yum clean all
# expect: rpm-package-unpinned
RUN microdnf install -y tar gzip && microdnf clean all
