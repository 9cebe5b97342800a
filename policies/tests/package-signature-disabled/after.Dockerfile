FROM alpine:3.20
COPY tool-signing.rsa.pub /etc/apk/keys/
RUN apk add --no-cache /tmp/tool.apk
