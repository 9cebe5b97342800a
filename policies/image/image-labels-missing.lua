-- image-labels-missing: an image that does not say where it comes from cannot be traced
-- back to its source and commit.
local DEFAULT = { "org.opencontainers.image.source", "org.opencontainers.image.revision" }

return {
  title    = "Required image labels missing",
  severity = "info",
  input    = "image",
  preset   = "strict",
  aliases  = {},
  params   = {
    labels = {
      type = "list",
      default = DEFAULT,
      description = "label keys the image config must have, with a non-empty value",
    },
  },
  help     = [[
The `org.opencontainers.image.*` labels say where an image comes from: `source` (the
repository), `revision` (the commit), `version`, `licenses`, `created`. Registries,
scanners and incident responders read them to find the code behind a running image.
This rule checks that the image configuration's `Labels` hold the keys of the parameter
`labels` (by default `source` and `revision`), each with a non-empty value. A label
inherited from the base image counts here (the config cannot tell), so check the
Dockerfile with `labels-missing` too.

Add them in the Dockerfile (`LABEL`) or at build time (`docker build --label`,
`docker/metadata-action`).
]],
  check = function(doc, report, params)
    local wanted = params.labels
    local labels = doc.labels or {}
    local missing = {}
    for _, key in ipairs(wanted) do
      local v = labels[key]
      if v == nil or v == "" then missing[#missing + 1] = key end
    end
    if missing[1] then
      report { message = "the image has no label " .. table.concat(missing, ", "), at = doc.config }
    end
  end,
}
