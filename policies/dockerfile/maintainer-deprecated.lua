-- maintainer-deprecated: MAINTAINER was deprecated in favour of a label.
return {
  title    = "MAINTAINER is deprecated",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "DL4000", "MaintainerDeprecated", "DS-0022", "AVD-DS-0022", "CKV_DOCKER_6",
               "99614418-f82b-4852-a9ae-5051402b741c" },
  help     = [[
`MAINTAINER` only sets the image's `author` field and has been deprecated since Docker
1.13. Use the standard OCI label, which tools and registries understand.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "maintainer" then
        report { message = "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors", at = ins }
      end
    end
  end,
}
