-- pattern-find.lua — a backtracking pattern inside one C call: 87 s on stock 5.4.4, no hook fires.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local s = ("a"):rep(4000)
    s:find(".-.-b")
  end,
}
