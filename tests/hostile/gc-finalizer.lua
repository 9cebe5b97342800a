-- gc-finalizer.lua — leaves a finalizer that spins (5.4.4 runs finalizers with hooks off).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    setmetatable({}, { __gc = function() while true do end end })
  end,
}
