# a toolchain image whose product is a tool, not a compiled application
FROM golang:1.22
RUN go install golang.org/x/tools/cmd/goimports@v0.24.0
RUN apt-get install -y makeself
