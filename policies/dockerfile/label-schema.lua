-- label-schema: labels that registries, scanners and people read must hold values in the
-- format they expect, or the link from an image back to its source is silently broken.
local labels = require("plimsoll.labels")
local DEFAULT = {
  "org.opencontainers.image.created:rfc3339",
  "org.opencontainers.image.url:url",
  "org.opencontainers.image.documentation:url",
  "org.opencontainers.image.source:url",
  "org.opencontainers.image.licenses:spdx",
}

return {
  title    = "Label value does not match the label schema",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058" },
  params   = {
    schema = {
      type = "list",
      default = DEFAULT,
      description = "label:type entries (text, url, rfc3339, semver, hash, spdx, email), as hadolint's --require-label",
    },
    strict = {
      type = "boolean",
      default = false,
      description = "also report labels that the schema does not name (hadolint's strict-labels)",
    },
  },
  help     = [[
Checks the format of the labels the final image carries, against a schema of
`label:type` entries (hadolint's `label-schema` / `--require-label` syntax): `text`
(any non-empty value), `url`, `rfc3339` (a time), `semver`, `hash` (a git commit),
`spdx` (a license expression) and `email`. The default schema is the format the OCI
image annotations specify: `created` is an RFC 3339 time, `url`, `documentation` and
`source` are URLs, `licenses` is an SPDX expression. A schema label that is set empty
is reported too; with `strict: true`, so is every label the schema does not name.

A label whose value comes from a build argument (`$REVISION`) is not judged: its value
is only known at build time. Labels are read from the final stage and the stages it is
built `FROM`. Whether a label is present at all is the rule `labels-missing` (hadolint
DL3049); SPDX ids are checked for their shape, not against the SPDX list.
]],
  check = function(df, report, params)
    if df.final == nil then return end
    local schema, bad = labels.parse_schema(params.schema)
    if bad[1] then
      error("label-schema: schema entries must be label:type with type one of text, url, "
            .. "rfc3339, semver, hash, spdx, email; got " .. table.concat(bad, ", "))
    end
    local strict = params.strict
    for _, lp in ipairs(labels.final_pairs(df)) do
      local p = lp.pair
      local ty = schema[p.key or ""]
      local raw = p.raw_value or ""
      if ty == nil then
        if strict and p.key then
          report { message = "label " .. p.key .. " is not in the label schema", at = lp.ins }
        end
      elseif not raw:find("$", 1, true) and p.value ~= nil then
        local v = p.value
        if v == "" then
          report { message = "label " .. p.key .. " is empty: set it, or leave it out and add it with docker build --label",
                   at = lp.ins }
        elseif not labels.TYPES[ty].check(v) then
          report { message = "label " .. p.key .. " is " .. '"' .. v .. '"'
                             .. ", not " .. labels.TYPES[ty].what, at = lp.ins }
        end
      end
    end
  end,
}
