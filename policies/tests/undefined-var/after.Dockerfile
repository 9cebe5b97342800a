FROM debian:12
ARG APP_DIR=/srv/app
COPY config/ $APP_DIR/config/
