-- approved-registry, case by case (the fixtures beside this file cover whole files).
test("Docker Hub is not approved", function(t)
  t:dockerfile("FROM nginx:1.27\n"):rule("approved-registry")
    :finds { { 1, "comes from docker.io" } }
end)

test("both ACME registries are approved", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/nginx:1.27
FROM builds.acme.example/payments/api:3.2
]]:rule("approved-registry"):passes()
end)

test("a registry that only looks like ours is not", function(t)
  t:dockerfile("FROM registry.acme.example.evil.io/nginx:1.27\n")
    :rule("approved-registry"):finds { 1 }
end)

test("does not apply to image configs", function(t)
  t:image [[{"architecture": "amd64", "os": "linux", "config": {},
             "rootfs": {"type": "layers", "diff_ids": []}}]]
    :rule("approved-registry"):skips()
end)
