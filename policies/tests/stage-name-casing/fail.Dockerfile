# expect: stage-name-casing
FROM golang:1.23 AS Build
# expect: stage-name-casing
FROM alpine:3.20 AS RUNTIME
