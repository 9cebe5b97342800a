-- load-mode-b.lua — asks load for binary mode explicitly.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local f, err = load("return 1", "x", "b")
    if not f then error(err, 0) end
  end,
}
