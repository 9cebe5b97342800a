-- pattern-gsub.lua — the same backtracking inside gsub.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    ("a"):rep(4000):gsub(".-.-b", "x")
  end,
}
