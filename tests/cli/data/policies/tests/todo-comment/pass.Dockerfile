FROM alpine:3.20
# nothing to do
