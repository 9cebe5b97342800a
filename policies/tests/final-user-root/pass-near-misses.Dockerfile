# root is used for setup, then dropped; "rooter" and "user0" are not root
FROM alpine:3.20
USER root
RUN apk add --no-cache curl
USER rooter
USER user0
