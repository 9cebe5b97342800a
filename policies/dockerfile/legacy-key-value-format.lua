-- legacy-key-value-format: `ENV key value` sets one variable to everything after the
-- first space, which reads like two.
return {
  title    = "ENV or LABEL in the legacy space-separated form",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "LegacyKeyValueFormat" },
  help     = [[
`ENV NAME value with spaces` (no `=`) is the legacy form: it sets one variable to the
whole rest of the line, and cannot set two at once. `ENV A 1 B 2` sets `A` to `1 B 2`.
BuildKit warns about it; write `key=value`, quoting values with spaces.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local target = ins
      if ins.cmd == "onbuild" and ins.sub then target = ins.sub end
      if target.cmd == "env" or target.cmd == "label" then
        local args = target.args or {}
        if #args >= 3 and args[3] == "" then
          report { message = target.keyword:upper() .. " " .. args[1] .. " " .. (args[2] or "")
                             .. ": use " .. args[1] .. "=value", at = ins }
        end
      end
    end
  end,
}
