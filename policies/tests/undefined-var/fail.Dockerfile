FROM alpine:3.20
ARG APP_DIR=/srv/app
# expect: undefined-var
COPY config/ $APP_DIRR/config/
FROM scratch
# expect: undefined-var
COPY app $TARGET_DIR/
