-- c-recursion.lua — recurses through C (gsub callbacks).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local function f(s) return (s:gsub(".", f)) end
    f("aa")
  end,
}
