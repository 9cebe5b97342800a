-- copy-entire-filesystem: COPY --from=stage / copies a whole root file system, with
-- every tool, cache and secret that stage had.
-- A stage built FROM scratch holds only what was copied into it on purpose.
local function scratch_rooted(df, index)
  local stage, guard = df.stages[index], 0
  while stage and guard < 1000 do
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then
      return stage.from ~= nil and stage.from.scratch == true
    end
    stage = df.stages[b]
    guard = guard + 1
  end
  return false
end

return {
  title    = "COPY --from of a whole file system",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3067" },
  help     = [[
`COPY --from=build / /` copies the entire root file system of another stage: its
package manager, compilers, caches and any credential left on disk. It defeats the
point of a multi-stage build and hides what the image really contains. Copy the
artifacts you need.

Not flagged: copying the root of a stage built `FROM scratch` (it holds only what was
put there on purpose, a common way to collect artifacts).
]],
  check = function(df, report)
    local names = {}
    for _, stage in ipairs(df.stages) do
      if stage.name then names[stage.name:lower()] = stage.index end
    end
    for _, ins in ipairs(df.instructions) do
      local from = (ins.cmd == "copy") and ins.flags and ins.flags.from
      if type(from) == "string" then
        local args = ins.args or {}
        local idx = from:match("^%d+$") and tonumber(from) + 1 or names[from:lower()]
        for i = 1, #args - 1 do
          local src = pl.unquote(args[i])
          if (src == "/" or src == "/." or src == "/*") and not (idx and scratch_rooted(df, idx)) then
            report { message = "COPY --from=" .. from .. " " .. src .. " copies a whole file system; copy only the artifacts",
                     at = ins }
            break
          end
        end
      end
    end
  end,
}
