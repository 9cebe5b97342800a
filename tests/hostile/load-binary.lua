-- load-binary.lua — loads a tampered binary chunk: 5.4.4's undump does not verify bytecode.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local f, err = load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64\1\255\255\255")
    if not f then error(err, 0) end
    f()
  end,
}
