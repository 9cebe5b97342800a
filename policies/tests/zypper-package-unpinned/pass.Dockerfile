FROM opensuse/leap:15.6
ARG PKGS
RUN zypper --non-interactive install curl=8.6.0 "git>=2.43" && zypper clean -a
RUN zypper -n in -t pattern devel_basis
RUN zypper -n install /tmp/tool-1.0.rpm $PKGS
RUN zypper -n refresh && zypper -n update
