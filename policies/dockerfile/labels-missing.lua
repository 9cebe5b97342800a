-- labels-missing: an image that does not say where it comes from cannot be traced back
-- to its source and commit when a vulnerability or an incident needs it.
local stages = require("plimsoll.stages")

local DEFAULT = { "org.opencontainers.image.source", "org.opencontainers.image.revision" }

return {
  title    = "Required image labels missing",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3049" },
  params   = {
    labels = {
      type = "list",
      default = DEFAULT,
      description = "label keys the final stage must set (LABEL), e.g. org.opencontainers.image.licenses",
    },
  },
  help     = [[
The `org.opencontainers.image.*` annotations say where an image comes from:
`source` (the repository), `revision` (the commit), `version`, `licenses`, `created`.
Registries (GitHub links a package to its repository by `source`), scanners and incident
responders read them to find the code behind a running image. This rule checks that
the final stage sets the labels of the parameter `labels` (by default `source` and
`revision`), with `LABEL` in the final stage or a stage it is built `FROM`. Labels of an
external base image describe the base, not your image, and do not count. A label whose
value comes from a build argument counts: its value is given at build time.

If your CI adds the labels with `docker build --label` (for example
`docker/metadata-action`), check the built image with `image-labels-missing` instead and
disable this rule. This is hadolint's DL3049 (a required label missing); the format of
label values is the rule `label-schema`, the format of keys `label-key-invalid`.
]],
  check = function(df, report, params)
    local final = df.final
    if final == nil then return end
    local wanted = params.labels
    local have = {}
    for _, stage in ipairs(stages.final_chain(df)) do
      for _, ins in ipairs(stage.instructions or {}) do
        if ins.cmd == "label" then
          for _, p in ipairs(ins.pairs or {}) do
            local literal_empty = p.value == "" and (p.raw_value == "" or p.raw_value == '""' or p.raw_value == "''")
            if p.key and not literal_empty then have[p.key] = true end
          end
        end
      end
    end
    local missing = {}
    for _, key in ipairs(wanted) do
      if not have[key] then missing[#missing + 1] = key end
    end
    if missing[1] then
      report { message = "the final stage sets no label " .. table.concat(missing, ", "), at = final }
    end
  end,
}
