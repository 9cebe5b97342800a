-- onbuild-invalid-trigger: ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.
return {
  title    = "ONBUILD with ONBUILD, FROM or MAINTAINER",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL3043" },
  help     = [[
`ONBUILD` records an instruction to run when another image is built `FROM` this one.
`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed: the
downstream build fails. Move the instruction out of `ONBUILD`, or drop it.
]],
  check = function(df, report)
    local bad = { onbuild = true, from = true, maintainer = true }
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "onbuild" and ins.sub and bad[ins.sub.cmd] then
        report { message = "ONBUILD " .. ins.sub.keyword:upper() .. " is not allowed", at = ins }
      end
    end
  end,
}
