-- warn.lua — writes to the host's stderr through warn.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    warn("@on")
    warn("PWNED")
  end,
}
