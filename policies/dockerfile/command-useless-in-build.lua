-- command-useless-in-build: commands that wait for a person, shut a machine down, or
-- start a daemon that dies with the RUN do nothing useful in a build.
local INTERACTIVE = { vi = true, vim = true, nano = true, emacs = true, top = true,
  htop = true, less = true, more = true }
local POWER = { shutdown = true, reboot = true, halt = true, poweroff = true }

return {
  title    = "Command that makes no sense in a build",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3001", "9b6b0f38-92a2-41f9-b881-3a1083d99f1b" },
  help     = [[
A `RUN` has no terminal and no init system, and its processes end with it:

- an interactive program (`vim`, `nano`, `top`, `less`) waits for input that never
  comes, or exits at once;
- `shutdown`, `reboot`, `halt` have no machine to act on;
- `service x start` as the last step of a `RUN` starts a daemon that is killed when
  the `RUN` ends; it is not running in the container later. Start services from the
  `CMD`/`ENTRYPOINT` instead.

Unlike hadolint's DL3001, commands that are fine in a build (`ps`, `kill`, `mount`,
`free`) and installing these tools are not flagged; `service x start && <use it> &&
service x stop` is not flagged either.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ins.posix ~= false then
        local cmds = {}
        for _, outer in ipairs(ins.commands or {}) do
          for _, c in ipairs(outer:unwrap()) do cmds[#cmds + 1] = c end
        end
        for i, c in ipairs(cmds) do
          if (c.subst or 0) == 0 then
            if INTERACTIVE[c.name] and (cmds[i - 1] == nil or cmds[i - 1].op ~= "|") and c.op ~= "|" then
              if not c:has_flag("--version", "-v", "--help", "-b", "-n") then
                report { message = c.name .. " is interactive; a build has no terminal", at = c }
              end
            elseif POWER[c.name] then
              report { message = c.name .. " in a build does nothing useful", at = c }
            elseif c.name == "service" and c:args()[2] == "start" and i == #cmds then
              report { message = "service " .. (c:args()[1] or "") .. " start at the end of a RUN: the daemon dies with it",
                       at = c }
            end
          end
        end
      end
    end
  end,
}
