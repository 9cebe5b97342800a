-- env-self-reference: in `ENV A=1 B=$A`, B sees the value A had before this ENV, not 1.
local function references(raw, key)
  if raw == nil then return false end
  local i = 1
  while true do
    local s, e = raw:find("%$", i)
    if not s then return false end
    if raw:sub(s - 1, s - 1) ~= "\\" then
      local name = raw:match("^{([%a_][%w_]*)", e + 1) or raw:match("^([%a_][%w_]*)", e + 1)
      if name == key then return true end
    end
    i = e + 1
  end
end

return {
  title    = "ENV uses a variable it defines itself",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3044" },
  help     = [[
All the values of one `ENV` (or `ARG`) instruction are expanded before any of them is
set. In `ENV DIR=/opt/app BIN=$DIR/bin`, `$DIR` is the value `DIR` had *before* this
line (often empty), so `BIN` becomes `/bin`. Split the instruction.

Not flagged: a variable that refers to its own previous value (`ENV PATH=$PATH:/x`) or
to a variable defined by an earlier instruction, and escaped `\$`.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "env" or ins.cmd == "arg" then
        local pairs_ = ins.pairs or {}
        for j = 2, #pairs_ do
          for i = 1, j - 1 do
            local key = pairs_[i].key
            if key ~= pairs_[j].key and references(pairs_[j].raw_value, key) then
              report { message = pairs_[j].key .. " uses $" .. key .. " from the same " .. ins.keyword:upper()
                                 .. ", which still has its previous value here; split the instruction",
                       at = ins }
              break
            end
          end
        end
      end
    end
  end,
}
