# shell form in a build stage never runs in the final image
FROM golang:1.23 AS build
CMD go test ./...

FROM alpine:3.20
# an overridden shell-form CMD is another rule's concern (multiple-instructions)
CMD echo overridden
# exec replaces the shell, so signals reach the program
CMD exec /app --port "$PORT"
