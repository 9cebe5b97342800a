FROM opensuse/leap:15.6
ARG ZYPPER_OPTS
RUN zypper --non-interactive install curl && zypper -n rm vim && zypper in -y git
RUN zypper up --no-confirm && zypper $ZYPPER_OPTS install less
RUN zypper refresh && zypper clean -a && zypper lr
