-- io-open.lua — reads a file through io.open (io is never opened).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local f = io.open("/tmp/plimsoll-hostile-canary")
    report { message = f:read("a") }
  end,
}
