-- close-nesting.lua — 20000 suspended coroutines, each closing the next from a __close
-- handler: Lua 5.4.4 resets its C-call count in coroutine.close and segfaults at this
-- depth (upstream 1e64c139). The sandbox bounds the nesting instead.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local N, cos = 20000, {}
    for i = 1, N do
      cos[i] = coroutine.create(function()
        local x <close> = setmetatable({}, { __close = function()
          if cos[i + 1] then
            local ok, err = coroutine.close(cos[i + 1])
            if not ok then error(err, 0) end
          end
        end })
        coroutine.yield()
      end)
      coroutine.resume(cos[i])
    end
    local ok, err = coroutine.close(cos[1])
    if not ok then error(err, 0) end
  end,
}
