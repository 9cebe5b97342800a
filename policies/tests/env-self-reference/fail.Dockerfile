FROM alpine:3.20
# expect: env-self-reference
ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
# expect: env-self-reference
ENV A=1 \
    B="${A}-x"
# expect: env-self-reference
ARG V=1 W=v$V
