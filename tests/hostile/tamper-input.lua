-- tamper-input.lua — changes the document other rules read.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    df.kind = "image"
    df.instructions[1].cmd = "pwned"
  end,
}
