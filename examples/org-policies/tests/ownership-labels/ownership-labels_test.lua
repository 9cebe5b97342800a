test("both labels missing: two findings at the final FROM", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/alpine:3.20
RUN true
]]:rule("ownership-labels"):finds {
    { 1, "org.opencontainers.image.authors" },
    { 1, "com.acme.team" },
  }
end)

test("labels on one line, in any order", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/alpine:3.20
LABEL com.acme.team=search org.opencontainers.image.authors=search@acme.example
]]:rule("ownership-labels"):passes()
end)

test("a builder stage's labels do not count for an unrelated final stage", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/golang:1.23 AS build
LABEL com.acme.team=search org.opencontainers.image.authors=search@acme.example
FROM registry.acme.example/library/alpine:3.20
COPY --from=build /app /app
]]:rule("ownership-labels"):finds { { 3, "com.acme.team" }, { 3, "authors" } }
end)
