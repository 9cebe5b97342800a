-- global-at-load.lua — sets globals while loading, hoping another rule reads them.
shared = "pwned"
string = { lower = function() return "pwned" end }
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report) pl = nil end,
}
