-- instruction-casing: instructions in both cases (or mixed case) make a Dockerfile
-- harder to read and grep.
-- Unknown words (a template, a typo) never get here: the file is an error, not a document.

return {
  title    = "Instruction keywords not consistently cased",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "ConsistentInstructionCasing" },
  help     = [[
Instruction keywords are case-insensitive, but BuildKit warns when a file mixes
`RUN` and `run` (or writes `Run`): the majority casing of the file is taken as the
convention and every keyword that differs is reported. Uppercase is the common
convention.
]],
  check = function(df, report)
    local upper, lower = 0, 0
    for _, ins in ipairs(df.instructions) do
      local kw = ins.keyword or ""
      if kw == kw:upper() then upper = upper + 1 elseif kw == kw:lower() then lower = lower + 1 end
    end
    local want_lower = lower > upper
    for _, ins in ipairs(df.instructions) do
      local kw = ins.keyword or ""
      local ok = want_lower and kw == kw:lower() or (not want_lower and kw == kw:upper())
      if not ok then
        report { message = "'" .. kw .. "' should be " .. (want_lower and "lowercase" or "uppercase")
                           .. " like the other instructions", at = ins }
      end
    end
  end,
}
