-- shared-global.lua — sets a global other rules might read.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    shared = "pwned"
    report { message = "set" }
  end,
}
