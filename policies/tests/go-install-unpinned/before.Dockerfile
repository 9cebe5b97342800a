FROM debian:12
RUN go install golang.org/x/tools/gopls@latest
