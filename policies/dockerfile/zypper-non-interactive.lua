-- zypper-non-interactive: zypper asks for confirmation; a build has nobody to answer.
local commands = require("plimsoll.commands")

local PROMPTS = { install = true, ["in"] = true, remove = true, rm = true, update = true,
  up = true, patch = true, ["dist-upgrade"] = true, dup = true, ["source-install"] = true,
  si = true, migration = true }
local VALUE_FLAGS = { "-r", "--repo", "--root", "-t", "--type", "--from", "-R",
  "--reposd-dir", "-C", "--cache-dir", "-D", "--installroot" }

return {
  title    = "zypper command without --non-interactive",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3034", "45e1fca5-f90e-465d-825f-c2cb63fa3944" },
  help     = [[
`zypper install` (and `remove`, `update`, `patch`, `dist-upgrade`) ask for confirmation.
A build has nobody to answer, so the command aborts. Pass the global option
`-n`/`--non-interactive`, or `-y`/`--no-confirm` to the subcommand.

Options passed through a variable are not flagged.
]],
  check = function(df, report)
    for cmd in df:commands("zypper") do
      local sub = cmd:args(VALUE_FLAGS)[1]
      if PROMPTS[sub] and not cmd:has_flag("-n", "--non-interactive", "-y", "--no-confirm")
          and not commands.has_variable(cmd) then
        report { message = "zypper " .. sub .. " without --non-interactive: the build cannot answer its prompt",
                 at = cmd }
      end
    end
  end,
}
