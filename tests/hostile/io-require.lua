-- io-require.lua — tries to get io back through require, as `require "io"` survives `io = nil` in stock Lua.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local io = require("io")
    report { message = io.open("/tmp/plimsoll-hostile-canary"):read("a") }
  end,
}
