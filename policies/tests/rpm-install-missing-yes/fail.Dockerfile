FROM rockylinux:9
# expect: rpm-install-missing-yes
RUN dnf install httpd && dnf clean all
# expect: rpm-install-missing-yes
RUN yum --setopt=tsflags=nodocs groupinstall "Development Tools"
# expect: rpm-install-missing-yes
RUN sudo yum remove -q vim-minimal
