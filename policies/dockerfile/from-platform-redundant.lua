-- from-platform-redundant: FROM --platform=$TARGETPLATFORM says what FROM does anyway.
return {
  title    = "FROM --platform=$TARGETPLATFORM is redundant",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "DL3065", "RedundantTargetPlatform" },
  help     = [[
A stage is built for the target platform by default, so `--platform=$TARGETPLATFORM`
changes nothing and suggests to readers that something special happens. Remove it.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local value = ins.cmd == "from" and ins.flags and ins.flags.platform
      if value == "$TARGETPLATFORM" or value == "${TARGETPLATFORM}" then
        report { message = "--platform=" .. value .. " is the default; remove it", at = ins }
      end
    end
  end,
}
