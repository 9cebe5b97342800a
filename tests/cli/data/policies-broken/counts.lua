-- counts: a test rule beside `raises`; reports one finding per file.
return {
  title    = "One finding per file",
  severity = "medium",
  input    = "dockerfile",
  check = function(df, report)
    report { message = "seen " .. #df.instructions .. " instructions" }
  end,
}
