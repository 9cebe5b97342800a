-- stage-referenced-by-index: `COPY --from=0` silently points at another stage when a
-- stage is inserted above it; a name does not move.
local function index_ref(v)
  return type(v) == "string" and v:match("^%d+$") ~= nil
end

return {
  title    = "Build stage referenced by index",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "68a51e22-ae5a-4d48-8e87-b01a323605c9" },
  help     = [[
`COPY --from=0` and `RUN --mount=from=1` name a stage by its position. Adding or
reordering a stage later makes the same line copy from a different stage, without any
error. Name the stage (`FROM golang:1.22 AS build`) and refer to it by name.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if (ins.cmd == "copy" or ins.cmd == "add") and ins.flags and index_ref(ins.flags.from) then
        local target = df.stages[tonumber(ins.flags.from) + 1]
        local hint = target and target.name and (" (use --from=" .. target.name .. ")") or "; name that stage with AS"
        report { message = "--from=" .. ins.flags.from .. " refers to a stage by index" .. hint, at = ins }
      elseif ins.cmd == "run" then
        for _, m in ipairs(ins.mounts or {}) do
          if index_ref(m.from) then
            report { message = "--mount from=" .. m.from .. " refers to a stage by index; name the stage with AS", at = ins }
            break
          end
        end
      end
    end
  end,
}
