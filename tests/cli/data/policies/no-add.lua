-- no-add: a test rule for the CLI tests; reports every ADD instruction.
return {
  title    = "ADD instruction",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "TEST-ADD" },
  help     = [[Use COPY.

Second paragraph of help.]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "add" then
        report { message = "ADD used; use COPY", at = ins }
      end
    end
  end,
}
