-- loadfile.lua — compiles a file from disk with loadfile.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = tostring(loadfile("/tmp/plimsoll-hostile-canary")) }
  end,
}
