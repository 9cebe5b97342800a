-- consecutive-run: each RUN makes a layer; back-to-back RUNs that could be one add
-- layers and keep intermediate files.
local function same_flags(a, b)
  local fa, fb = a.flag_list or {}, b.flag_list or {}
  if #fa ~= #fb then return false end
  for i = 1, #fa do
    if fa[i].raw ~= fb[i].raw then return false end
  end
  return true
end

return {
  title    = "Consecutive RUN instructions",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3059", "0008c003-79aa-42d8-95b8-1c2fe37dbfe6" },
  help     = [[
Every `RUN` adds a layer. Files created in one and deleted in the next still take space
in the first, and many small layers slow pulls. Consider joining consecutive `RUN`s
with `&&` (or a heredoc). In the `strict` preset: separate `RUN`s also give better
build caching, and the trade-off is the author's.

Not flagged: `RUN`s separated by any other instruction, and `RUN`s with different
flags (`--mount`, `--network`, ...), which cannot simply be merged.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local prev
      for _, ins in ipairs(stage.instructions or {}) do
        if ins.cmd == "run" and prev and prev.cmd == "run" and same_flags(prev, ins) then
          report { message = "RUN right after the RUN on line " .. prev.line .. "; consider joining them", at = ins }
        end
        prev = ins
      end
    end
  end,
}
