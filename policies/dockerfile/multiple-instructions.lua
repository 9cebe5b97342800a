-- multiple-instructions: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes
-- effect; the earlier ones are dead code that misleads readers.
return {
  title    = "CMD, ENTRYPOINT or HEALTHCHECK repeated in a stage",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed",
               "DS-0007", "DS-0016", "DS-0023",
               "41c195f4-fc31-4a5c-8a1b-90605538d49f", "6938958b-3f1a-451c-909b-baeee14bdc97",
               "AVD-DS-0007", "AVD-DS-0016", "AVD-DS-0023" },
  help     = [[
A stage keeps only its last `CMD`, `ENTRYPOINT` and `HEALTHCHECK`; each earlier one is
silently replaced. That is usually a leftover or a misunderstanding (two `CMD` lines do
not run two programs). Remove the overridden instruction. The finding points at the
instruction that has no effect.
]],
  check = function(df, report)
    local watched = { cmd = true, entrypoint = true, healthcheck = true }
    for _, stage in ipairs(df.stages) do
      local last = {}
      for _, ins in ipairs(stage.instructions or {}) do
        if watched[ins.cmd] then
          local prev = last[ins.cmd]
          if prev then
            report { message = string.format("this %s is overridden by the one on line %d",
                                             prev.keyword:upper(), ins.line),
                     at = prev }
          end
          last[ins.cmd] = ins
        end
      end
    end
  end,
}
