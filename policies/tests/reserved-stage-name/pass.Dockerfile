FROM alpine:3.20 AS source
FROM scratch
FROM scratch AS scratch-base
COPY --from=context /x /y
