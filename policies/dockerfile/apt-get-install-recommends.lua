-- apt-get-install-recommends: apt installs "recommended" packages by default, often
-- doubling what lands in the image.
local function shipped(df)
  local set, stage, guard = {}, df.final, 0
  while stage and guard < 1000 do
    set[stage.index] = true
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then break end
    stage = df.stages[b]
    guard = guard + 1
  end
  return set
end

local function disables_recommends(text)
  local l = (text or ""):lower()
  return l:find("apt::install%-recommends") ~= nil
     and (l:find("recommends[\"' ]*[=:]?[\"' ]*false") ~= nil
          or l:find("recommends[\"' ]*[=:]?[\"' ]*0") ~= nil
          or l:find("recommends[\"' ]+\"?false") ~= nil)
end

local function has_variable(cmd)
  for i = 2, #(cmd.argv or {}) do
    if cmd.argv[i]:sub(1, 1) == "$" then return true end
  end
  return false
end

return {
  title    = "apt-get install without --no-install-recommends",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3015", "DS-0029", "AVD-DS-0029", "7384dfb2-fcd1-4fbf-91cd-6c44c318c33c" },
  help     = [[
By default apt also installs every package the requested ones *recommend*: documentation
tools, extra libraries, sometimes whole language runtimes. They make the image larger and
add attack surface. Pass `--no-install-recommends` and name what you need.

Not flagged: `-o APT::Install-Recommends=false`; any earlier instruction that writes
`APT::Install-Recommends "false"` into apt's configuration; options passed through a
variable; stages whose layers do not ship in the final image (builder stages the final
stage only copies files from).

Before:

```dockerfile
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
```

After:

```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*
```
]],
  check = function(df, report)
    local ships = shipped(df)
    -- line of the first instruction that turns recommends off for good
    local off_from = math.huge
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and disables_recommends(ins.raw) then
        -- a RUN that both writes the config and installs is judged by its own flags
        off_from = ins.end_line + 1
        break
      end
    end
    for _, tool in ipairs { "apt-get", "apt" } do
      for cmd in df:commands(tool, "install") do
        local ins = cmd.instruction
        if ins and ships[ins.stage] and ins.line < off_from
            and not cmd:has_flag("--no-install-recommends") and not disables_recommends(table.concat(cmd.argv, " "))
            and not has_variable(cmd) then
          report { message = tool .. " install without --no-install-recommends", at = cmd }
        end
      end
    end
  end,
}
