-- require-traversal.lua — requires a path outside its bundle.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    require("../../../../../../tmp/plimsoll-hostile-canary")
  end,
}
