test("several labels of one LABEL are each reported at the LABEL", function(t)
  t:dockerfile([[
FROM scratch
LABEL org.opencontainers.image.source=acme \
      org.opencontainers.image.licenses="GPL v2"
]]):rule("label-schema"):finds { { 2, "not a URL" }, { 2, "SPDX" } }
end)

test("the default schema checks only the OCI labels whose format the spec fixes", function(t)
  t:dockerfile([[
FROM scratch
LABEL org.opencontainers.image.version=latest org.opencontainers.image.revision=main
]]):rule("label-schema"):passes()
end)
