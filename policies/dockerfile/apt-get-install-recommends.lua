-- apt-get-install-recommends: apt installs "recommended" packages by default, often
-- doubling what lands in the image.
local stages = require("plimsoll.stages")

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

-- A command that runs apt itself (also through sudo and the like) only sets the option
-- for that run.
local function runs_apt(cmd)
  for _, w in ipairs(cmd.argv or {}) do
    local base = w:match("([^/]+)$") or w
    if base == "apt-get" or base == "apt" then return true end
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

Not flagged: `-o APT::Install-Recommends=false`; an install after a command that writes
`APT::Install-Recommends "false"` into apt's configuration, earlier in the same RUN or
in an earlier RUN of the same stage or a stage it is built `FROM`; simulated and
download-only runs (`-s`, `--dry-run`, `-d`), which install nothing; options passed
through a variable; stages whose layers do not ship in the final image (builder stages
the final stage only copies files from).
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    -- Stages in which recommends are off from a point on: the command that writes
    -- APT::Install-Recommends "false" into apt's configuration, or (when the text
    -- sits in a heredoc or a form the shell reader does not see) the end of its RUN.
    local off = {}
    local function turned_off(stage, seq)
      local guard = 0
      while stage and guard < 1000 do
        local at = off[stage.index]
        if at and at < seq then return true end
        local b = stage.base_stage
        if not (b and b > 0 and b < stage.index) then break end
        stage = df.stages[b]
        guard = guard + 1
      end
      return false
    end
    local seq, pending = 0, {}
    for cmd in df:commands() do
      seq = seq + 1
      local ins = cmd.instruction
      local stage = ins and df.stages[ins.stage]
      if stage and off[stage.index] == nil then
        if disables_recommends(table.concat(cmd.argv or {}, " ")) and not runs_apt(cmd) then
          off[stage.index] = seq
        end
      end
      if (cmd.name == "apt-get" or cmd.name == "apt") and (cmd:args() or {})[1] == "install" then
        pending[#pending + 1] = { cmd = cmd, seq = seq, stage = stage }
      end
    end
    -- a RUN whose text turns recommends off where no command showed it (a heredoc
    -- written by cat): from the next instruction on
    for _, ins in ipairs(df.instructions) do
      local stage = df.stages[ins.stage]
      if ins.cmd == "run" and stage and off[stage.index] == nil and disables_recommends(ins.raw) then
        local after = 0
        for _, item in ipairs(pending) do
          if item.cmd.instruction.line <= ins.end_line then after = math.max(after, item.seq) end
        end
        off[stage.index] = after
      end
    end
    for _, item in ipairs(pending) do
      local cmd, ins = item.cmd, item.cmd.instruction
      if ins and ships[ins.stage] and not turned_off(item.stage, item.seq)
          and not cmd:has_flag("--no-install-recommends", "-s", "--simulate", "--just-print",
                               "--dry-run", "--recon", "--no-act", "-d", "--download-only")
          and not disables_recommends(table.concat(cmd.argv, " "))
          and not has_variable(cmd) then
        report { message = cmd.name .. " install without --no-install-recommends", at = cmd }
      end
    end
  end,
}
