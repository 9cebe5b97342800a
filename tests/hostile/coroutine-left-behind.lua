-- coroutine-left-behind.lua — leaves suspended coroutines with pending <close> handlers behind.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    for i = 1, 100 do
      local co = coroutine.create(function()
        local x <close> = setmetatable({}, { __close = function() while true do end end })
        coroutine.yield()
      end)
      coroutine.resume(co)
      _ENV["co" .. i] = co
    end
    report { message = "left behind" }
  end,
}
