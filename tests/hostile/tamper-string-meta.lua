-- tamper-string-meta.lua — reaches the shared string metatable.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    getmetatable("").__index.lower = function() return "pwned" end
  end,
}
