from alpine:3.20
run apk add --no-cache curl
# expect: instruction-casing
COPY . /app
cmd ["sh"]
