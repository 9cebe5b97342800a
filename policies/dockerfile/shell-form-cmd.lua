-- shell-form-cmd: a shell-form CMD or ENTRYPOINT runs under /bin/sh -c, which becomes
-- PID 1 and does not pass SIGTERM on, so `docker stop` waits and then kills.
local stages = require("plimsoll.stages")

-- `CMD exec node server.js` replaces the shell with the program: signals arrive.
local function starts_with_exec(ins)
  local first = ins.commands and ins.commands[1]
  return first ~= nil and first.name == "exec"
end

-- `CMD /bin/bash` (or `sh -l`): the image's default is an interactive shell, which
-- the JSON form would start just the same; there is no service to stop cleanly.
local SHELLS = { sh = true, bash = true, ash = true, dash = true, zsh = true, ksh = true }
local function only_a_shell(ins)
  local cmds = ins.commands or {}
  if #cmds ~= 1 or not SHELLS[cmds[1].name or ""] then return false end
  for i = 2, #(cmds[1].argv or {}) do
    if cmds[1].argv[i]:sub(1, 1) ~= "-" or cmds[1].argv[i] == "-c" then return false end
  end
  return true
end

return {
  title    = "Shell-form CMD or ENTRYPOINT",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3025", "JSONArgsRecommended", "b86987e1-6397-4619-81d5-8807f2387c79" },
  help     = [[
In shell form (`CMD node server.js`) Docker runs `/bin/sh -c "node server.js"`. The
shell is PID 1; it does not forward `SIGTERM` to your program, so `docker stop` waits for
its timeout and then kills the container without a clean shutdown. Shell-form
`ENTRYPOINT` also ignores `CMD` and `docker run` arguments. Use the exec (JSON) form, or
start the command with `exec` when you need the shell for variable expansion.

Only the `CMD` and `ENTRYPOINT` that take effect in the final image are checked (the
last of each in the final stage, or inherited from the stage it is built `FROM`).
Windows shells (`SHELL ["powershell", ...]`) are not checked. Not flagged either: a
`CMD` that a shell-form `ENTRYPOINT` ignores (the `ENTRYPOINT` is reported), and a
command that is only an interactive shell (`CMD /bin/bash`, `CMD sh -l`), which the
JSON form would start just the same.
]],
  check = function(df, report)
    if df.final == nil then return end
    local last = {}
    for _, stage in ipairs(stages.chain(df, df.final)) do
      for _, ins in ipairs(stage.instructions or {}) do
        if ins.cmd == "cmd" or ins.cmd == "entrypoint" then last[ins.cmd] = ins end
      end
    end
    -- a shell-form ENTRYPOINT ignores CMD altogether: only the ENTRYPOINT is reported
    if last.entrypoint and last.entrypoint.form == "shell" then last.cmd = nil end
    for _, key in ipairs { "entrypoint", "cmd" } do
      local ins = last[key]
      if ins and ins.form == "shell" and ins.posix ~= false and not starts_with_exec(ins)
          and not only_a_shell(ins) then
        report { message = ins.keyword:upper() .. " in shell form: /bin/sh becomes PID 1 and swallows SIGTERM; use the JSON form",
                 at = ins }
      end
    end
  end,
}
