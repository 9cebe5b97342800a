# scratch has no user database, so a static binary on it runs as uid 0; `USER 65532`
# works without one
FROM golang:1.23 AS build
RUN CGO_ENABLED=0 go build -o /app .

# expect: final-user-root
FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
