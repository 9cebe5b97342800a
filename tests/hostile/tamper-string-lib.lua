-- tamper-string-lib.lua — replaces string.lower for every rule after it.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    string.lower = function() return "pwned" end
  end,
}
