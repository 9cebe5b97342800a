FROM debian:12
ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
