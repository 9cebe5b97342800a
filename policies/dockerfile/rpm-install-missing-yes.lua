-- rpm-install-missing-yes: yum and dnf ask for confirmation; a build has nobody to
-- answer, so the command aborts.
local commands = require("plimsoll.commands")

local TOOLS = { yum = true, dnf = true, tdnf = true, dnf5 = true }
local PROMPTS = { install = true, groupinstall = true, localinstall = true, reinstall = true,
  remove = true, erase = true, update = true, upgrade = true, downgrade = true,
  autoremove = true, ["distro-sync"] = true, group = true, module = true, swap = true }
local VALUE_FLAGS = { "-c", "--config", "--installroot", "--releasever", "-d", "-e",
  "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid" }

local function assumes_yes(cmd)
  for _, w in ipairs(cmd.argv) do
    local l = w:lower()
    if l:match("assumeyes=") and (l:match("=1$") or l:match("=true$") or l:match("=yes$")) then
      return true
    end
  end
  return false
end

-- a RUN that writes assumeyes=1 into yum.conf / dnf.conf turns the prompt off for good
local function configured_from(df)
  for _, ins in ipairs(df.instructions) do
    if ins.cmd == "run" and (ins.raw or ""):lower():match("assumeyes%s*=%s*[1ty]") then
      return ins.end_line
    end
  end
  return math.huge
end

return {
  title    = "yum/dnf command without -y",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3030", "DL3038", "6e19193a-8753-436d-8a09-76dcff91bb03",
               "7ebd323c-31b7-4e5b-b26f-de5e9e477af8" },
  help     = [[
`yum install`, `dnf install` (and `remove`, `upgrade`, `groupinstall`, ...) ask "Is this
ok [y/N]". A build has nobody to answer: the command aborts, or depends on whether the
base image already has the package. Pass `-y` (or `--assumeyes`).

Not flagged: `-y`, `--assumeyes`, `--setopt=assumeyes=1`, an earlier `RUN` that writes
`assumeyes=1` into the configuration, options passed through a variable, and
`microdnf`, which never prompts.
]],
  check = function(df, report)
    local configured = configured_from(df)
    for cmd in df:commands() do
      if TOOLS[cmd.name] then
        local sub = cmd:args(VALUE_FLAGS)[1]
        local ins = cmd.instruction
        if PROMPTS[sub] and not cmd:has_flag("-y", "--assumeyes") and not assumes_yes(cmd)
            and not commands.has_variable(cmd) and not (ins and ins.line > configured) then
          report { message = cmd.name .. " " .. sub .. " without -y: the build cannot answer its prompt", at = cmd }
        end
      end
    end
  end,
}
