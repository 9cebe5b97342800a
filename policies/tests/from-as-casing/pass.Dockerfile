FROM golang:1.23 AS build
from alpine:3.20 as runtime
From busybox:1.36 as tools
FROM scratch
