-- error-tostring-loop.lua — raises an error whose __tostring never returns.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    error(setmetatable({}, { __tostring = function() while true do end end, __index = function() while true do end end }))
  end,
}
