-- debug-sethook.lua — removes the instruction hook, then spins.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    debug.sethook()
    while true do end
  end,
}
