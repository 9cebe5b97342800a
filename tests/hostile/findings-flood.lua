-- findings-flood.lua — reports 5000 findings: the first 1000 are kept and the verdict says how many were dropped.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    for i = 1, 5000 do report { message = "flood " .. i } end
  end,
}
