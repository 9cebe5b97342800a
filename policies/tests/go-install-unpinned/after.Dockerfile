FROM debian:12
RUN go install golang.org/x/tools/gopls@v0.16.2
