FROM golang:1.23
ARG VERSION=latest
RUN go install golang.org/x/tools/gopls@v0.16.2 github.com/o/r@3f1c2a9
RUN go install ./cmd/... && go install github.com/o/tool
RUN go install github.com/o/tool@${VERSION}
RUN go build -o /out/app ./cmd/app && go get example.com/m@latest
RUN echo go install x@latest
