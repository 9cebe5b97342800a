-- string-dump.lua — dumps a function to bytecode.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = string.dump(function() end) }
  end,
}
