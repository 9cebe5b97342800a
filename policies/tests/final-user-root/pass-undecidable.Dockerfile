# the user comes from a build argument with no default: trusted
FROM alpine:3.20
ARG APP_UID
USER ${APP_UID}
