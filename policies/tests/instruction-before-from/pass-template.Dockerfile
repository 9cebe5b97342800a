{{ template }}
ARG X=1
FROM alpine:3.20
