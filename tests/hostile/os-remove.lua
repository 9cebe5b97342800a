-- os-remove.lua — tries to delete a file.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    os.remove("/tmp/plimsoll-hostile-canary")
  end,
}
