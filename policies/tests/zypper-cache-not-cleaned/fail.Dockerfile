FROM opensuse/leap:15.6
# expect: zypper-cache-not-cleaned
RUN zypper -n install curl
# expect: zypper-cache-not-cleaned
RUN zypper -n ref && zypper -n up
