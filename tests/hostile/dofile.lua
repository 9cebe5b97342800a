-- dofile.lua — runs a file from disk with dofile.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    dofile("/tmp/plimsoll-hostile-canary")
  end,
}
