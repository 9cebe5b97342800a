-- sort-comparator.lua — spins inside a table.sort comparator (a C call back into Lua).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    table.sort({ 3, 2, 1 }, function(a, b) while true do end end)
  end,
}
