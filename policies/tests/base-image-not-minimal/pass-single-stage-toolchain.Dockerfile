# reported by build-tools-in-final instead
FROM golang:1.22
RUN go build -o /app .
