FROM alpine:3.20
ENV APP_HOME=/opt/app
ENV APP_BIN=$APP_HOME/bin PATH=$PATH:/opt/app/bin
ENV A=1 B=\$A C=$APP_HOMEX
ENV X $X:/y
