# an explicit decision: nothing to probe
FROM alpine:3.20
HEALTHCHECK NONE
ENTRYPOINT ["/bin/cat"]
