-- tamper-setmetatable-input.lua — replaces the metatable of the input.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    setmetatable(df, nil)
    df.kind = "pwned"
  end,
}
