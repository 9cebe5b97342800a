-- tamper-prelude.lua — replaces a prelude helper.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    pl.trim = function() return "pwned" end
  end,
}
