-- io-popen.lua — starts a process through io.popen.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = io.popen("cat /tmp/plimsoll-hostile-canary"):read("a") }
  end,
}
