FROM opensuse/leap:15.6
# expect: zypper-package-unpinned
RUN zypper --non-interactive install curl && zypper clean -a
# expect: zypper-package-unpinned
RUN zypper -n in -y git=2.43.0 vim
