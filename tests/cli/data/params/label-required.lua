-- A strict-preset test rule: the final stage must set a label.
return {
  title    = "Required label missing",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "TEST-LABEL" },
  params   = {
    label = { type = "string", default = "org.opencontainers.image.source",
              description = "the label every image must carry" },
  },
  check = function(df, report, params)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "label" and ins.raw:find(params.label, 1, true) then return end
    end
    report { message = "no LABEL " .. params.label, line = 1 }
  end,
}
