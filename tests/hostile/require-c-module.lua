-- require-c-module.lua — requires a C module (LuaSocket) to reach the network.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local socket = require("socket")
    socket.connect("127.0.0.1", 9)
  end,
}
