-- coroutine-swallow.lua — lets resume swallow the limit error and returns normally.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local co = coroutine.create(function() while true do end end)
    coroutine.resume(co)
    report { message = "returned normally" }
  end,
}
