-- busy-loop.lua — spins in Lua.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    while true do end
  end,
}
