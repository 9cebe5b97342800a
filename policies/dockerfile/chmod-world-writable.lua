-- chmod-world-writable: a file any user can write is a file any compromised process can
-- replace, so a build should never hand out write permission to "other".
local common = require("scan.common")

-- chmod's own options, none of which takes a value in the spelling used here.
local function mode_of(args)
  return args[1]
end

-- Octal: the "other" digit has the write bit. A sticky bit (1777, as /tmp has) makes a
-- shared directory safe to write, so it is not flagged.
local function octal_world_writable(m)
  if not m:match("^%d%d%d%d?$") then return false end
  local digits = m
  if #digits == 4 then
    local special = tonumber(digits:sub(1, 1))
    if special % 2 == 1 then return false end   -- sticky
    digits = digits:sub(2)
  end
  local other = tonumber(digits:sub(3, 3))
  return other ~= nil and (other == 2 or other == 3 or other == 6 or other == 7)
end

-- Symbolic: a clause granting w to o or a (`o+w`, `a=rwx`, `ugo+w`). A clause with no
-- "who" (`+w`) goes through the umask, which keeps other-write off by default; a clause
-- that also sets the sticky bit (`a+rwxt`) is the /tmp idiom.
local function symbolic_world_writable(m)
  if m:find("^%d") then return false end
  for clause in m:gmatch("[^,]+") do
    local who, op, perms = clause:match("^([ugoa]*)([+=])([rwxXst]*)$")
    if who and (who:find("[oa]")) and perms:find("w", 1, true) and not perms:find("t", 1, true) then
      return true
    end
  end
  return false
end

local function world_writable(m)
  if m == nil or common.is_variable(m) then return false end
  return octal_world_writable(m) or symbolic_world_writable(m)
end

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

Before:

```dockerfile
RUN mkdir /data && chmod -R 777 /data
```

After:

```dockerfile
RUN mkdir /data && chown -R app:app /data && chmod -R 750 /data
```
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      if stage.reaches_final or stage.is_final then
        for _, ins in ipairs(stage.instructions or {}) do
          if ins.cmd == "run" then
            common.each_command(ins, function(c)
              local mode
              if c.name == "chmod" then
                mode = mode_of(c:args())
              elseif c.name == "mkdir" or c.name == "install" then
                mode = c:flag_value("-m", "--mode")
              end
              if world_writable(mode) then
                report { message = c.name .. " " .. mode .. " makes files writable by every user; grant write to the owner or group instead", at = c }
              end
            end)
          elseif (ins.cmd == "copy" or ins.cmd == "add") and ins.flags and type(ins.flags.chmod) == "string"
              and world_writable(ins.flags.chmod) then
            report { message = ins.cmd:upper() .. " --chmod=" .. ins.flags.chmod .. " makes files writable by every user", at = ins }
          end
        end
      end
    end
  end,
}
