-- tamper-rawset-input.lua — writes into the input past its metamethods.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    rawset(df.instructions, 1, "pwned")
  end,
}
