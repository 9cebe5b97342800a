-- os-exit.lua — tries to end the host process.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    os.exit(0)
  end,
}
