-- empty-continuation: an empty line inside a continued instruction is accepted today
-- and will become an error.
return {
  title    = "Empty continuation line",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "NoEmptyContinuation" },
  help     = [[
An empty line after a trailing `\` is skipped by today's parser, so the instruction
continues on the next non-empty line. BuildKit warns that this "will become errors in a
future release", and it often hides a missing `\` or a stray blank line. Remove the
empty line, or end the instruction before it. A comment line inside the continuation is
fine.
]],
  check = function(df, report)
    for _, w in ipairs(df.warnings or {}) do
      if w.code == "empty-continuation" then
        local at
        for _, ins in ipairs(df.instructions) do
          if ins.line <= w.line and w.line <= ins.end_line then at = ins break end
        end
        if at then
          report { message = "empty line " .. w.line .. " inside a continued " .. at.keyword:upper()
                             .. "; remove it", at = at }
        else
          report { message = "empty continuation line", line = w.line }
        end
      end
    end
  end,
}
