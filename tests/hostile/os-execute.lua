-- os-execute.lua — starts a shell that leaves a file behind.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    os.execute("touch /tmp/plimsoll-hostile-created")
  end,
}
