-- pcall-loop.lua — spins inside pcall, catching the limit error over and over.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    while true do pcall(function() while true do end end) end
  end,
}
