-- coroutine-spin.lua — spins inside a coroutine.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    coroutine.wrap(function() while true do end end)()
  end,
}
