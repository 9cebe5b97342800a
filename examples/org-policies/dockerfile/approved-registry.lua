-- approved-registry: base images come from ACME's registries (lib/acme/registries.lua),
-- so that every image is scanned and mirrored before we build on it.
local registries = require("acme.registries")

return {
  title    = "Base image from an unapproved registry",
  severity = "high",                     -- critical | high | medium | low | info
  input    = "dockerfile",               -- dockerfile | image
  preset   = "default",                  -- default | strict
  aliases  = { "DL3026" },               -- ids other tools use for the same concern
  help     = [[
Base images must come from `registry.acme.example` (the mirror our scanners watch) or
`builds.acme.example` (images we build). Pull through the mirror instead of from Docker
Hub or another registry. The list lives in `lib/acme/registries.lua`.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local ref = stage.from
      -- scratch and earlier stages are not pulled from anywhere; a reference that
      -- depends on an ARG with no known value cannot be judged, so it is trusted
      if ref and not ref.scratch and not (ref.stage and ref.stage > 0)
          and ref.expanded ~= nil and not registries.is_approved(ref) then
        report {
          message = "base image " .. ref.expanded .. " comes from " .. tostring(ref.registry)
                    .. ", not an ACME registry (registry.acme.example)",
          at = ref,
        }
      end
    end
  end,
}
