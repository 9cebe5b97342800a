-- chmod-world-writable: a file any user can write is a file any compromised process can
-- replace, so a build should never hand out write permission to "other".
local commands = require("plimsoll.commands")
local risky = require("plimsoll.risky")

return {
  title    = "File made world-writable",
  severity = "medium",
  input    = "dockerfile",
  aliases  = {},
  help     = [[
`chmod 777`, `chmod -R a+w` or `o+w` lets every user in the container (and every process
that escapes into another account) rewrite the file: a compromised non-root process can
then replace a script that root later runs, or tamper with the application. Give write
permission to the owner or the group that needs it instead, and make the runtime user
the owner (`COPY --chown=app:app`, `chown app:app DIR`).

Checked: `chmod` in `RUN` (through `sudo`, `sh -c` and the like), `mkdir -m` and
`install -m`, and `COPY`/`ADD --chmod`, in the stages that reach the final image
(`COPY --from` keeps permission bits). Not flagged: modes with the sticky bit (`1777`,
`a+rwxt`, the `/tmp` idiom, where users cannot remove each other's files), clauses
without a "who" (`chmod +w`, filtered by the umask), and modes from a variable.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      if stage.reaches_final or stage.is_final then
        for _, ins in ipairs(stage.instructions or {}) do
          if ins.cmd == "run" then
            commands.each(ins, function(c)
              local mode
              if c.name == "chmod" then
                mode = c:args()[1]
              elseif c.name == "mkdir" or c.name == "install" then
                mode = c:flag_value("-m", "--mode")
              end
              if risky.world_writable(mode) then
                report { message = c.name .. " " .. mode .. " makes files writable by every user; grant write to the owner or group instead", at = c }
              end
            end)
          elseif (ins.cmd == "copy" or ins.cmd == "add") and ins.flags and type(ins.flags.chmod) == "string"
              and risky.world_writable(ins.flags.chmod) then
            report { message = ins.cmd:upper() .. " --chmod=" .. ins.flags.chmod .. " makes files writable by every user", at = ins }
          end
        end
      end
    end
  end,
}
