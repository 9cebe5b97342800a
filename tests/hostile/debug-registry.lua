-- debug-registry.lua — reaches the registry through the debug library.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local reg = debug.getregistry()
    report { message = tostring(reg) }
  end,
}
