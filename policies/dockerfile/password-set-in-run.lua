-- password-set-in-run: a password written into a RUN is in the image history and in the
-- Dockerfile's repository, and every container of the image shares it.
local commands = require("plimsoll.commands")

-- useradd/usermod -p values that lock the account rather than set a password.
local LOCKED = { ["*"] = true, ["!"] = true, ["!!"] = true, ["x"] = true, ["!*"] = true }

-- Calls fn(cmd, piped) for every command of a list, piped when the command before it
-- ends with "|" (its standard input is that command's output).
local function walk(list, fn)
  local prev
  for _, c in ipairs(list) do
    fn(c, prev ~= nil and prev.op == "|")
    prev = c
  end
end

local function stdin_from_secret(c)
  for _, r in ipairs(c.redirects or {}) do
    if r.op == "<" and type(r.target) == "string" and r.target:find("^/run/secrets/") then
      return true
    end
  end
  return false
end

-- What is wrong with command c, or nil.
local function problem(c, piped)
  local n = c.name
  if n == "chpasswd" then
    if stdin_from_secret(c) then return nil end
    return "chpasswd sets a password written in the build"
  elseif n == "passwd" then
    if c:has_flag("--stdin") then return "passwd --stdin sets a password written in the build" end
    if piped and not c:has_flag("-l", "--lock", "-d", "--delete", "-S", "--status", "-e", "--expire") then
      return "passwd reads a password piped in the build"
    end
  elseif n == "useradd" or n == "usermod" or n == "adduser" then
    local v = c:flag_value("-p", "--password")
    if v ~= nil and not LOCKED[v] then
      if v == "" then return n .. " -p '' gives the account an empty password" end
      return n .. " -p sets a password hash written in the build"
    end
  end
  return nil
end

return {
  title    = "Password set in RUN",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "CKV2_DOCKER_17", "CIS-4.10" },
  help     = [[
`echo 'root:secret' | chpasswd`, `passwd --stdin` and `useradd -p HASH` put a password (or
its crackable hash) into the Dockerfile, the image history and `/etc/shadow` of every
container started from the image: every copy shares one credential that cannot be
rotated without a rebuild. A build argument is no better, since `docker history` shows
the values a `RUN` saw.

Containers rarely need a password: run as a user without one (`useradd --system`, the
default locks the account), and if something must log in, set the password when the
container starts, from an orchestrator secret. Not flagged: locking values (`-p '*'`,
`-p '!'`), `passwd -l`/`-d`, and `chpasswd` reading a build secret
(`chpasswd < /run/secrets/...` in a `RUN --mount=type=secret`).
]],
  check = function(df, report)
    for ins in df:each("run") do
      if not commands.has_secret_mount(ins) then
        walk(ins.commands or {}, function(outer, piped)
          local ok, list = pcall(outer.unwrap, outer)
          if not ok or type(list) ~= "table" then list = { outer } end
          if list[1] == outer then
            local what = problem(outer, piped)
            if what then report { message = what .. "; set it at run time or lock the account", at = outer } end
          else
            walk(list, function(c, p)
              local what = problem(c, p or (c == list[1] and piped))
              if what then report { message = what .. "; set it at run time or lock the account", at = c } end
            end)
          end
        end)
      end
    end
  end,
}
