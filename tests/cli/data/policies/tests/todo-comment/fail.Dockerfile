FROM alpine:3.20
# expect: todo-comment
# TODO: remove this
RUN true
