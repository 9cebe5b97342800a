-- weak-newindex-oom.lua — a weak metatable's __newindex under memory pressure (upstream 983bc433).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local mt = setmetatable({}, { __mode = "kv" })
    mt.__newindex = function(t, k, v) rawset(t, k, v) end
    local t = setmetatable({}, mt)
    local s = "x"
    for i = 1, 100 do t[i] = s; s = s .. s end
  end,
}
