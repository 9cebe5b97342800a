-- memory-rep.lua — asks string.rep for 1 GiB at once.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = ("x"):rep(1 << 30) }
  end,
}
