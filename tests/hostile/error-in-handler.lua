-- error-in-handler.lua — loops in an xpcall message handler (5.4.4 runs handlers with hooks off).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    xpcall(function() error("x") end, function() while true do end end)
  end,
}
