-- from-as-casing: `FROM x as y` mixes casings within one instruction.
return {
  title    = "AS keyword cased differently from FROM",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "FromAsCasing" },
  help     = [[
BuildKit warns when the `AS` of `FROM image AS name` does not match the case of `FROM`
(`FROM x as y`, `from x AS y`). Use one casing. A `FROM` keyword that is itself mixed
case (`From`) is left to the rule `instruction-casing`.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local as = ins.cmd == "from" and ins.args and ins.args[2]
      if as and as:lower() == "as" then
        local kw = ins.keyword
        local ok = true
        if kw == kw:upper() then ok = (as == "AS")
        elseif kw == kw:lower() then ok = (as == "as") end
        if not ok then
          report { message = "'" .. as .. "' does not match the case of '" .. kw .. "'", at = ins }
        end
      end
    end
  end,
}
