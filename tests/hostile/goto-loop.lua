-- goto-loop.lua — spins with goto.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    ::top:: goto top
  end,
}
