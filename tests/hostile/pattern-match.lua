-- pattern-match.lua — an exponential pattern inside one C call: 346 s on stock 5.4.4.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    ("a"):rep(30):match(("a*"):rep(12) .. "b")
  end,
}
