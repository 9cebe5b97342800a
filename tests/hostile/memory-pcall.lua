-- memory-pcall.lua — catches out-of-memory errors and carries on.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    for i = 1, 50 do
      pcall(function() local s = "x" while true do s = s .. s end end)
    end
    report { message = "survived" }
  end,
}
