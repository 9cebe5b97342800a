FROM alpine:3.20
# expect: no-add
ADD a /a
ADD b /b
