-- base-image-latest: a FROM whose image floats (no tag, or :latest) builds something
-- different every time the upstream image moves.
return {
  title    = "Base image is untagged or uses latest",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3006", "DL3007", "DS-0001", "AVD-DS-0001", "CKV_DOCKER_7",
               "9efb0b2d-89c9-41a3-91ca-dcc0aec911fd", "f45ea400-6bbe-4501-9fc7-1c3d75c32067" },
  help     = [[
`FROM node` and `FROM node:latest` mean "whatever node is today": rebuilding the same
commit can pull a new major version, break the build, or ship unreviewed changes. Pin a
version tag, and for full reproducibility a digest.

Not flagged: `scratch`, earlier stages used as bases, references pinned by digest, and
references built from an `ARG` whose value cannot be decided at lint time (a default
that is known is expanded and checked).
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local ref = stage.from
      if ref and not ref.scratch and not (ref.stage and ref.stage > 0) then
        local text = ref.expanded or ref.raw or ""
        -- an undecidable variable may well hold a tag: trust it
        if ref.expanded ~= nil and not text:find("$", 1, true) and ref.digest == nil then
          if ref.tag == nil then
            report { message = "base image " .. (ref.image or text) .. " has no tag, so it means latest; pin a version",
                     at = ref }
          elseif ref.tag == "latest" then
            report { message = "base image " .. (ref.image or text) .. " uses the latest tag; pin a version",
                     at = ref }
          end
        end
      end
    end
  end,
}
