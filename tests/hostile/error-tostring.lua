-- error-tostring.lua — raises an error whose __tostring raises (aborts a host that formats it).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    error(setmetatable({}, { __tostring = function() error("boom") end }))
  end,
}
