-- early-coroutine.lua — a coroutine created while the rule file loads, before any check
-- runs, that spins when resumed: the count hook must already be on it.
local co = coroutine.create(function()
  while true do end
end)
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    coroutine.resume(co)
  end,
}
