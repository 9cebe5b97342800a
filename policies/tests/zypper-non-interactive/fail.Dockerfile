FROM opensuse/leap:15.6
# expect: zypper-non-interactive
RUN zypper install curl && zypper clean -a
# expect: zypper-non-interactive
RUN zypper --gpg-auto-import-keys ref && zypper dup
