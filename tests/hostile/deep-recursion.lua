-- deep-recursion.lua — recurses in Lua without bound.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local function f(n) return 1 + f(n + 1) end
    f(1)
  end,
}
