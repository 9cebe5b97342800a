FROM alpine:3.20
# expect: unknown-instruction
RUNN apk add --no-cache curl
# expect: unknown-instruction
FRM x
# expect: unknown-instruction
ONBUILD COPI . /app
# expect: unknown-instruction
SOMETHINGCOMPLETELYDIFFERENT here
