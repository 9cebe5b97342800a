FROM alpine:3.20
# run in lowercase in a comment does not count
RUN apk add --no-cache curl
ONBUILD RUN echo hi
CMD ["sh"]
