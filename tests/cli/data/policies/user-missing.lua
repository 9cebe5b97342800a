-- user-missing: a test rule for the CLI tests; a whole-file finding when no USER is set.
return {
  title    = "No USER instruction",
  severity = "low",
  input    = "dockerfile",
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "user" then return end
    end
    report { message = "no USER instruction in the file" }
  end,
}
