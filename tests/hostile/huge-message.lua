-- huge-message.lua — reports one 5 MiB message of terminal escapes.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = ("\27[31m"):rep(1 << 20) }
  end,
}
