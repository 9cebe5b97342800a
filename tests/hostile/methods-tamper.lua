-- methods-tamper.lua — tries to reach the methods tables behind the model (and behind
-- commands that unwrap() builds) and make has_flag always true for other rules.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    for cmd in df:commands() do
      for _, c in ipairs(cmd:unwrap()) do
        local mt = getmetatable(c)
        if type(mt) == "table" then
          mt.__index.has_flag = function() return true end
          report { message = "reached the methods" }
        end
      end
    end
    local mt = getmetatable(df)
    if type(mt) == "table" then report { message = "reached the document metatable" } end
  end,
}
