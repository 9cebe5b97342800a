# expect: from-as-casing
FROM golang:1.23 as build
# expect: from-as-casing
from alpine:3.20 AS runtime
