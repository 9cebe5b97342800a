FROM alpine:3.20
# expect: no-add
ADD a /a
# expect: no-ad
COPY b /b
