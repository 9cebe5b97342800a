-- load-env-global.lua — loads a chunk with an environment of its choosing to find real globals.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local f = load("return io or os or debug or package", "x", "t", _G)
    local lib = f()
    lib.open("/tmp/plimsoll-hostile-canary")
  end,
}
