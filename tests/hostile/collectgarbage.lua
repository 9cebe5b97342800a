-- collectgarbage.lua — drives the collector (and reads memory use).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    collectgarbage("stop")
    report { message = tostring(collectgarbage("count")) }
  end,
}
