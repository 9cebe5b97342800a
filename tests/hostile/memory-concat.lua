-- memory-concat.lua — doubles a string until memory runs out.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local s = "x"
    while true do s = s .. s end
  end,
}
