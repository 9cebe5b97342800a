# expect: from-platform-redundant
FROM --platform=$TARGETPLATFORM alpine:3.20
# expect: from-platform-redundant
FROM --platform=${TARGETPLATFORM} alpine:3.20 AS x
