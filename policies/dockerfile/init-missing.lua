-- init-missing: PID 1 gets no default signal handlers and must reap orphans; most
-- programs do neither, so the container ignores SIGTERM and collects zombies.
local commands = require("plimsoll.commands")
local stages = require("plimsoll.stages")

local INITS = { ["dumb-init"] = true, catatonit = true, ["docker-init"] = true,
  ["s6-svscan"] = true, init = true, ["my_init"] = true, systemd = true, runsvdir = true,
  runit = true, supervisord = true, ["s6-overlay-suexec"] = true, pid1 = true }

local function is_init(word)
  if type(word) ~= "string" then return false end
  local base = word:match("([^/]+)$") or word
  return INITS[base] or base:find("^tini") ~= nil
end

-- Does instruction ins (ENTRYPOINT or CMD) start an init somewhere in its words?
local function runs_init(ins)
  if ins.exec then
    for _, w in ipairs(ins.exec) do if is_init(w) then return true end end
    return false
  end
  local found = false
  commands.each(ins, function(c)
    for _, w in ipairs(c.argv or {}) do if is_init(w) then found = true end end
  end)
  return found
end

-- Programs that act as a proper PID 1 themselves: they handle SIGTERM and reap the
-- children they start (a master process and its workers).
local PROGRAMS = { "nginx", "httpd", "apache2", "apache2-foreground", "haproxy", "postgres",
  "caddy", "traefik", "envoy", "redis-server", "memcached", "mongod", "mysqld", "mariadbd",
  "php-fpm*", "gunicorn", "consul", "vault", "etcd", "registry" }
-- Shells and language REPLs: with no script to run, the image is a tool for
-- `docker run -it`, and a shell reaps its children.
local INTERACTIVE = { sh = true, bash = true, ash = true, dash = true, zsh = true, fish = true,
  python = true, python2 = true, python3 = true, ipython = true, node = true, irb = true,
  jshell = true, pwsh = true, powershell = true, erl = true, iex = true, R = true, ghci = true,
  julia = true, lua = true, php = true, psql = true, mysql = true, sqlite3 = true, swift = true,
  scala = true, clojure = true, groovysh = true, deno = true, bun = true, ["cmd"] = true }

local function words(ins)
  if ins.exec then return ins.exec end
  local out = {}
  commands.each(ins, function(c)
    for _, w in ipairs(c.argv or {}) do out[#out + 1] = w end
  end)
  return out
end

local function runs_program(ins, programs)
  for _, w in ipairs(words(ins)) do
    local base = w:match("([^/]+)$") or w
    for _, g in ipairs(programs) do
      if pl.glob(g, base) then return true end
    end
  end
  return false
end

-- `CMD ["/bin/bash"]`, `CMD ["python3"]`: an interactive program with options only.
local function interactive(ins)
  if ins == nil then return false end
  local w = words(ins)
  if #w == 0 then return false end
  local base = (w[1]:match("([^/\\]+)$") or w[1]):gsub("%.exe$", "")
  if not (INTERACTIVE[base] or base:match("^python[%d.]+$")) then return false end
  for i = 2, #w do
    if w[i]:sub(1, 1) ~= "-" then return false end
  end
  return true
end

-- Windows containers have no Unix signals or zombies to care about.
local function windows(chain, at)
  local ref = chain[#chain].from
  local name = ref and (ref.expanded or ref.raw) or ""
  name = name:lower()
  return name:find("windows", 1, true) or name:find("servercore", 1, true)
      or name:find("nanoserver", 1, true) or at.posix == false
end

-- An init is installed or copied in: an entrypoint script probably execs it.
local function mentions_init(stage)
  for _, ins in ipairs(stage.instructions or {}) do
    if ins.cmd == "run" or ins.cmd == "copy" or ins.cmd == "add" then
      local text = (ins.expanded or ins.value or ""):lower()
      if text:find("tini", 1, true) or text:find("dumb%-init") or text:find("catatonit", 1, true)
          or text:find("s6%-overlay") then
        return true
      end
    end
  end
  return false
end

-- The last instruction of a keyword in the final stage, else in its bases.
local function effective(chain, keyword)
  for _, stage in ipairs(chain) do
    local list = stage.instructions or {}
    for i = #list, 1, -1 do
      if list[i].cmd == keyword then return list[i] end
    end
  end
  return nil
end

return {
  title    = "No init process for PID 1",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = {},
  params   = {
    programs = {
      type = "list",
      default = PROGRAMS,
      description = "programs (globs on the file name) that forward signals and reap their children as PID 1",
    },
  },
  help     = [[
The container's main process runs as PID 1. The kernel gives PID 1 no default signal
handlers, so unless the program installs its own, `docker stop` waits for the timeout
and kills it; and orphaned child processes are re-parented to PID 1, which must reap
them or they stay as zombies. A small init (`tini`, `dumb-init`, `catatonit`, s6-overlay's
`/init`) forwards signals and reaps children. `docker run --init` and compose's
`init: true` add one at run time, which a Dockerfile cannot show: where that is your
standard, disable this rule.

Checked: the effective `ENTRYPOINT` (else `CMD`) of the final stage, its own or from a
stage it is built `FROM`. Not flagged: an image that sets neither (its command comes
from the base image, which cannot be seen), a final stage that installs or copies an
init (its entrypoint script is assumed to run it), servers that do an init's job
themselves (nginx, httpd, haproxy, postgres, php-fpm, gunicorn, ...: the parameter
`programs`), also as the `CMD` an entrypoint script execs; a shell or language REPL
with options only (`CMD ["bash"]`, `CMD ["python3"]`: a tool image for `docker run
-it`); and Windows images.
]],
  check = function(df, report, params)
    if df.final == nil then return end
    local chain = stages.final_chain(df)
    local ep, cmd = effective(chain, "entrypoint"), effective(chain, "cmd")
    -- ENTRYPOINT [] clears the entrypoint: CMD is the program
    if ep and ep.exec and #ep.exec == 0 then ep = nil end
    local at = ep or cmd
    if at == nil then return end
    if (ep and runs_init(ep)) or (cmd and runs_init(cmd)) then return end
    local programs = params.programs
    -- with an entrypoint script (which execs "$@"), CMD's program becomes PID 1
    if (ep and runs_program(ep, programs)) or (cmd and runs_program(cmd, programs)) then return end
    if (ep == nil and interactive(cmd)) or interactive(ep) then return end
    if windows(chain, at) then return end
    for _, stage in ipairs(chain) do
      if mentions_init(stage) then return end
    end
    report { message = "PID 1 is " .. (at.cmd == "entrypoint" and "the ENTRYPOINT" or "the CMD")
             .. " itself; run it under an init (tini, dumb-init) or use docker run --init", at = at }
  end,
}
