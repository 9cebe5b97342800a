FROM alpine:3.20
# expect: unknown-instruction
ONBUILD COPI . /app
# expect: unknown-instruction
onbuild somethingcompletelydifferent here
