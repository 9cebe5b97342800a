FROM alpine:3.20
# expect: no-add
ADD a.txt /a.txt
COPY b.txt /b.txt
# a comment between the annotation and the instruction
# expect: no-add

ADD \
  c.txt /c.txt
