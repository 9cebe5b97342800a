-- memory-table.lua — grows a table until memory runs out.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local t = {}
    for i = 1, math.maxinteger do t[i] = { i } end
  end,
}
