-- findings-flood-huge.lua — reports findings until something stops it.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    for i = 1, 100000000 do report { message = "flood " .. i } end
  end,
}
