-- package-loadlib.lua — loads C code from a shared library.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local f = package.loadlib("libc.so.6", "system")
    f("touch /tmp/plimsoll-hostile-created")
  end,
}
