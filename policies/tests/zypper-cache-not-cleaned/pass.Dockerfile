FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean -a
RUN zypper -n in git && zypper cc
RUN zypper -n in jq && rm -rf /var/cache/zypp/*
RUN --mount=type=cache,target=/var/cache/zypp zypper -n in vim
RUN zypper -n ref && zypper lr
