FROM golang:1.23
# expect: go-install-unpinned
RUN go install golang.org/x/tools/gopls@latest
# expect: go-install-unpinned
RUN CGO_ENABLED=0 go install -ldflags "-s -w" github.com/o/tool/cmd/tool@main
