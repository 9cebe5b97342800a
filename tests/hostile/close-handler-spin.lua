-- close-handler-spin.lua — spins in a __close handler while unwinding.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local x <close> = setmetatable({}, { __close = function() while true do end end })
    error("unwind")
  end,
}
