FROM alpine:3.20
# expect: instruction-casing
run apk add --no-cache curl
# expect: instruction-casing
Copy . /app
CMD ["sh"]
