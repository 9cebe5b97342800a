# expect: reserved-stage-name
FROM alpine:3.20 AS context
# expect: reserved-stage-name
FROM busybox:1.36 AS Scratch
