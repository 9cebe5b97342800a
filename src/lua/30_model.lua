-- 30_model.lua — methods of the input tables: df:commands, df:each, stage:commands,
-- stage:each, cmd:has_flag, cmd:flag_value, cmd:args and cmd:unwrap; pl.argv_has_flag and
-- pl.read_script.
--
-- The bridge (src/engine/bridge.c) gives each real model table one of the metatables
-- built here; a rule reaches the methods through the read-only proxy -> real table ->
-- metatable chain. The metatables are locked, so no rule can reach a methods table.
local P = ...
local pl = P.pl or {}
P.pl = pl
local type, select, ipairs = type, select, ipairs
local sfind, ssub, sbyte, smatch, slower = string.find, string.sub, string.byte, string.match,
  string.lower
local concat = table.concat

local function basename(w)
  if type(w) ~= "string" then
    return ""
  end
  return smatch(w, "([^/]*)$")
end

-- ---- commands ------------------------------------------------------------------------

-- Options known to take a separate value (`-o value`), per command: cmd:args() skips
-- those values. Conservative: only options whose value is certain.
local value_flags = {
  ["apt-get"] = { "-o", "-c", "-t", "--option", "--config-file", "--target-release" },
  apt = { "-o", "-c", "-t", "--option", "--config-file", "--target-release" },
  apk = { "-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--cache-dir" },
  yum = { "-c", "--config", "--installroot", "--releasever", "-d", "-e", "--setopt" },
  dnf = { "-c", "--config", "--installroot", "--releasever", "-d", "-e", "--setopt" },
  microdnf = { "--config", "--installroot", "--releasever" },
  zypper = { "-r", "--repo", "--root" },
  pip = { "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
    "-t", "--target", "--prefix", "--root", "-f", "--find-links", "--trusted-host", "--python" },
  pip3 = { "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
    "-t", "--target", "--prefix", "--root", "-f", "--find-links", "--trusted-host", "--python" },
  npm = { "--prefix", "--registry", "--cache", "-w", "--workspace" },
  yarn = { "--cwd", "--registry", "--cache-folder", "--modules-folder" },
  curl = { "-o", "--output", "-H", "--header", "-u", "--user", "-X", "--request", "-d", "--data",
    "--data-raw", "--data-binary", "-A", "--user-agent", "-e", "--referer", "-w", "--write-out",
    "-m", "--max-time", "--retry", "--connect-timeout", "-T", "--upload-file", "-x", "--proxy",
    "--cacert", "--cert", "--key", "-b", "--cookie", "-c", "--cookie-jar", "-F", "--form",
    "--resolve", "-r", "--range", "-C", "--continue-at", "-K", "--config" },
  wget = { "-O", "--output-document", "-P", "--directory-prefix", "-o", "--output-file",
    "-U", "--user-agent", "--header", "-t", "--tries", "-T", "--timeout", "--user",
    "--password" },
  git = { "-C", "-c", "-b", "--branch", "--depth", "-o", "--origin", "--reference", "-j",
    "--jobs", "--config" },
  useradd = { "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s",
    "--shell", "-c", "--comment", "-k", "--skel", "-p", "--password", "-e", "--expiredate",
    "-K", "--key", "-b", "--base-dir", "-f", "--inactive" },
  adduser = { "-u", "--uid", "-g", "--gecos", "-G", "--ingroup", "-h", "--home", "-s",
    "--shell", "-k" },
  groupadd = { "-g", "--gid", "-K", "--key", "-p", "--password" },
  chown = { "--from", "--reference" },
  chmod = { "--reference" },
  tar = { "-C", "--directory", "-f", "--file", "-T", "--files-from", "-X", "--exclude-from" },
  docker = { "-H", "--host", "--config", "--context", "-l", "--log-level" },
  go = { "-o", "-C", "-ldflags", "-gcflags", "-tags", "-mod", "-p" },
  gem = { "-v", "--version", "-i", "--install-dir", "-s", "--source" },
  cargo = { "--root", "--version", "--git", "--branch", "--tag", "--rev", "-j", "--jobs",
    "--target", "--features", "-F", "--profile" },
}
local value_set = {}
for name, list in pairs(value_flags) do
  local set = {}
  for _, f in ipairs(list) do
    set[f] = true
  end
  value_set[name] = set
end

local cmd_methods = {}
local cmd_mt = { __index = cmd_methods, __metatable = "read-only" }

local function is_long(f)
  return sbyte(f, 1) == 45 and sbyte(f, 2) == 45
end

-- One word against one wanted flag: --long, --long=value, -x, or -x inside -abx.
local function word_has(w, f)
  if w == f then
    return true
  end
  if is_long(f) then
    return ssub(w, 1, #f + 1) == f .. "="
  end
  if #f == 2 and sbyte(f, 1) == 45 and #w > 2 and sbyte(w, 2) ~= 45 and sfind(w, "^%-%a+$") then
    return sfind(w, ssub(f, 2, 2), 2, true) ~= nil
  end
  return false
end

-- Whether argv (argv[1] is the program) has one of the flags before "--"; shared by
-- cmd:has_flag and, for a bare argv (pip's inside `python -m pip`), pl.argv_has_flag.
local function argv_has_flag(argv, ...)
  local nf = select("#", ...)
  for i = 2, #argv do
    local w = argv[i]
    if w == "--" then
      break
    end
    if sbyte(w, 1) == 45 then
      for k = 1, nf do
        local f = select(k, ...)
        if type(f) == "string" and word_has(w, f) then
          return true
        end
      end
    end
  end
  return false
end

function cmd_methods:has_flag(...)
  return argv_has_flag(self.argv, ...)
end

function pl.argv_has_flag(argv, ...)
  if type(argv) ~= "table" then
    error("pl.argv_has_flag: argument 1 must be a list of words", 2)
  end
  return argv_has_flag(argv, ...)
end

-- The value of the first of the given options: --opt=value, --opt value, -o value.
function cmd_methods:flag_value(...)
  local argv = self.argv
  local nf = select("#", ...)
  for i = 2, #argv do
    local w = argv[i]
    if w == "--" then
      break
    end
    if sbyte(w, 1) == 45 then
      for k = 1, nf do
        local f = select(k, ...)
        if w == f then
          return argv[i + 1]
        end
        if type(f) == "string" and ssub(w, 1, #f + 1) == f .. "=" then
          return ssub(w, #f + 2)
        end
      end
    end
  end
  return nil
end

-- Positional words after the name. Values of options known to take one (value_flags,
-- plus the list `extra` a rule may pass) are skipped; "--" ends the options.
function cmd_methods:args(extra)
  local argv = self.argv
  local known = value_set[self.name]
  local more = nil
  if type(extra) == "table" then
    more = {}
    for _, f in ipairs(extra) do
      more[f] = true
    end
  end
  local out, i, n = {}, 2, #argv
  while i <= n do
    local w = argv[i]
    if w == "--" then
      for j = i + 1, n do
        out[#out + 1] = argv[j]
      end
      break
    end
    if sbyte(w, 1) == 45 and #w > 1 then
      if not sfind(w, "=", 1, true) and ((known and known[w]) or (more and more[w])) then
        i = i + 1
      end
    else
      out[#out + 1] = w
    end
    i = i + 1
  end
  return out
end

-- ---- unwrap: seeing through sudo, env, xargs, sh -c ... --------------------------------

-- A small sh reader for `sh -c 'script'`: words with quotes removed, split into
-- commands at ; & | && || and newlines. It never expands anything; what it cannot follow
-- (an unclosed quote) ends the list.
local function read_script(script)
  local cmds, words = {}, {}
  -- the word being read, in pieces joined once it ends: appending piece by piece to a
  -- string made a long word of many quoted parts quadratic
  local cur, ncur = {}, 0
  local i, n = 1, #script
  local function add(piece)
    ncur = ncur + 1
    cur[ncur] = piece
  end
  local function flush_word()
    if ncur > 0 then
      words[#words + 1] = concat(cur, "", 1, ncur)
      cur, ncur = {}, 0
    end
  end
  local function flush_cmd(op)
    flush_word()
    if #words > 0 then
      cmds[#cmds + 1] = { words = words, op = op }
    elseif op and #cmds > 0 then
      cmds[#cmds].op = op
    end
    words = {}
  end
  while i <= n do
    local c = ssub(script, i, i)
    if c == "'" then
      local j = sfind(script, "'", i + 1, true)
      if not j then
        break
      end
      add(ssub(script, i + 1, j - 1))
      i = j + 1
    elseif c == '"' then
      local j, buf = i + 1, {}
      while j <= n do
        local d = ssub(script, j, j)
        if d == "\\" and j < n then
          local e = ssub(script, j + 1, j + 1)
          if e == '"' or e == "\\" or e == "$" or e == "`" then
            buf[#buf + 1] = e
          elseif e ~= "\n" then
            buf[#buf + 1] = d .. e
          end
          j = j + 2
        elseif d == '"' then
          break
        else
          local k = sfind(script, '["\\]', j) or n + 1
          buf[#buf + 1] = ssub(script, j, k - 1)
          j = k
        end
      end
      if j > n then
        break
      end
      add(concat(buf))
      i = j + 1
    elseif c == "\\" then
      local e = ssub(script, i + 1, i + 1)
      if e ~= "\n" then
        add(e)
      end
      i = i + 2
    elseif c == " " or c == "\t" then
      flush_word()
      i = i + 1
    elseif c == "#" and ncur == 0 then
      local j = sfind(script, "\n", i, true)
      i = j or n + 1
    elseif c == "\n" or c == ";" then
      flush_cmd(";")
      i = i + 1
    elseif c == "&" or c == "|" then
      local two = ssub(script, i, i + 1)
      if two == "&&" or two == "||" then
        flush_cmd(two)
        i = i + 2
      else
        flush_cmd(c)
        i = i + 1
      end
    else
      local j = sfind(script, "[ \t\n'\"\\;&|]", i) or n + 1
      add(ssub(script, i, j - 1))
      i = j
    end
  end
  flush_cmd(nil)
  return cmds
end

-- Returns the index of the first word after the options, skipping the values of the
-- options in `with_value`.
local function skip_options(argv, i, with_value)
  while argv[i] do
    local w = argv[i]
    if w == "--" then
      return i + 1
    end
    if sbyte(w, 1) ~= 45 or w == "-" then
      return i
    end
    if with_value and with_value[w] then
      i = i + 2
    else
      i = i + 1
    end
  end
  return i
end

local function set(...)
  local s = {}
  for k = 1, select("#", ...) do
    s[select(k, ...)] = true
  end
  return s
end

local shells = set("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh")
local wrappers = {
  sudo = function(argv)
    return skip_options(argv, 2, set("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T",
      "--user", "--group", "--chdir", "--host", "--prompt", "--role", "--type"))
  end,
  doas = function(argv)
    return skip_options(argv, 2, set("-u", "-C"))
  end,
  env = function(argv)
    local i = skip_options(argv, 2, set("-u", "--unset", "-C", "--chdir", "-S", "--split-string"))
    while argv[i] and sfind(argv[i], "^[%a_][%w_]*=") do
      i = i + 1
    end
    return i
  end,
  xargs = function(argv)
    return skip_options(argv, 2, set("-I", "-n", "-P", "-d", "-E", "-L", "-s", "-a",
      "--max-args", "--max-procs", "--delimiter", "--arg-file", "--max-lines", "--max-chars"))
  end,
  nice = function(argv)
    return skip_options(argv, 2, set("-n", "--adjustment"))
  end,
  ionice = function(argv)
    return skip_options(argv, 2, set("-c", "-n", "-p", "--class", "--classdata"))
  end,
  nohup = function(argv)
    return skip_options(argv, 2, nil)
  end,
  time = function(argv)
    return skip_options(argv, 2, set("-f", "--format", "-o", "--output"))
  end,
  timeout = function(argv)
    local i = skip_options(argv, 2, set("-s", "-k", "--signal", "--kill-after"))
    return i + 1 -- the duration
  end,
  exec = function(argv)
    return skip_options(argv, 2, set("-a"))
  end,
  command = function(argv)
    for i = 2, #argv do
      local w = argv[i]
      if sbyte(w, 1) ~= 45 then
        break
      end
      if w == "-v" or w == "-V" then
        return nil -- a lookup, not a run
      end
    end
    return skip_options(argv, 2, nil)
  end,
  gosu = function(argv)
    return 3
  end,
  ["su-exec"] = function(argv)
    return 3
  end,
  chroot = function(argv)
    return skip_options(argv, 2, set("--userspec", "--groups")) + 1
  end,
  tini = function(argv)
    return skip_options(argv, 2, set("-p", "-e"))
  end,
  ["dumb-init"] = function(argv)
    return skip_options(argv, 2, set("-r", "--rewrite"))
  end,
}

-- For `sh -c script`: the script word, or nil when the shell runs a file or stdin.
local function shell_script(argv)
  local i, has_c = 2, false
  while argv[i] do
    local w = argv[i]
    if w == "--" then
      i = i + 1
      break
    end
    local c1 = sbyte(w, 1)
    if (c1 ~= 45 and c1 ~= 43) or w == "-" then
      break
    end
    if w == "-o" or w == "+o" then
      i = i + 1
    elseif not is_long(w) and sfind(w, "c", 2, true) then
      has_c = true
    end
    i = i + 1
  end
  if has_c then
    return argv[i]
  end
  return nil
end

local new_command

local MAX_UNWRAP = 8

local function unwrap_into(out, cmd, depth)
  local argv = cmd.argv
  local name = cmd.name
  if depth < MAX_UNWRAP and shells[name] then
    local script = shell_script(argv)
    if type(script) == "string" then
      for _, c in ipairs(read_script(script)) do
        unwrap_into(out, new_command(cmd, c.words, 1, c.op), depth + 1)
      end
      return
    end
  end
  local w = wrappers[name]
  if depth < MAX_UNWRAP and w then
    local i = w(argv)
    if i and argv[i] then
      unwrap_into(out, new_command(cmd, argv, i, cmd.op), depth + 1)
      return
    end
  end
  out[#out + 1] = cmd
end

-- A command made from words[first..] that keeps the place of the one it came from.
function new_command(from, words, first, op)
  local argv, assignments = {}, {}
  local i = first
  while words[i] and sfind(words[i], "^[%a_][%w_]*=") do
    assignments[#assignments + 1] = words[i]
    i = i + 1
  end
  for j = i, #words do
    argv[#argv + 1] = words[j]
  end
  return setmetatable({
    argv = argv, name = basename(argv[1]), op = op, line = from.line, column = from.column,
    depth = from.depth,
    subst = from.subst, assignments = assignments, redirects = {},
    instruction = from.instruction, wrapper = from.name,
  }, cmd_mt)
end

-- What a wrapping command of the input runs is the same for every rule, and reading a
-- long `sh -c` script is not cheap: it is worked out once and frozen like the input (so
-- no rule can change what the next one sees). A command that wraps nothing gets a fresh
-- { cmd }: caching those would cost a table per command. Commands of pl.read_script
-- belong to the rule that made them and are never cached.
local freeze = P.freeze
local unwrap_cache = setmetatable({}, { __mode = "k" })

function cmd_methods:unwrap()
  local list = unwrap_cache[self]
  if list then
    return list
  end
  local out = {}
  unwrap_into(out, self, 0)
  if (out[1] == self and out[2] == nil) or self.instruction == nil then
    return out
  end
  list = freeze(out)
  unwrap_cache[self] = list
  return list
end

-- ---- dockerfile and stage ---------------------------------------------------------------

-- Every command of the instructions, each followed by what it runs through wrappers
-- (sudo apt-get install yields the sudo command, then apt-get). The iterator yields
-- cmd, cmd so that `for cmd in` and `for _, cmd in` both read the command.
-- The flattened list is the same for every rule of the bundle, so it is built once per
-- instruction list (the input is read-only and shared); the commands made by unwrapping
-- come frozen from cmd:unwrap().
local flat_cache = setmetatable({}, { __mode = "k" })
local first_arg_cache = setmetatable({}, { __mode = "k" })

local function flat_commands(instructions)
  local list = flat_cache[instructions]
  if list then
    return list
  end
  list = {}
  for _, ins in ipairs(instructions) do
    local cmds = ins.commands
    if cmds then
      for _, c in ipairs(cmds) do
        list[#list + 1] = c
        local u = cmd_methods.unwrap(c)
        if u[1] ~= c then
          for _, x in ipairs(u) do
            list[#list + 1] = x
          end
        end
      end
    end
  end
  flat_cache[instructions] = list
  return list
end

local function first_arg(c)
  local a = first_arg_cache[c]
  if a == nil then
    a = cmd_methods.args(c)[1] or false
    first_arg_cache[c] = a
  end
  return a
end

-- The flattened list split by command name, built once per instruction list: most rules
-- ask for one or two names, and walking every command for each was a tenth of the time
-- of a large file. Kept to the prelude, never handed to a rule.
local by_name_cache = setmetatable({}, { __mode = "k" })
local NONE = {}

local function named(instructions, name)
  local idx = by_name_cache[instructions]
  if not idx then
    idx = {}
    for _, c in ipairs(flat_commands(instructions)) do
      local key = c.name or ""
      local l = idx[key]
      if not l then
        l = {}
        idx[key] = l
      end
      l[#l + 1] = c
    end
    by_name_cache[instructions] = idx
  end
  return idx[name] or NONE
end

local function commands_of(instructions, name, sub)
  local list
  if type(name) == "string" then
    list = named(instructions, name)
  else
    list = flat_commands(instructions)
  end
  local i, n = 0, #list
  return function()
    while i < n do
      i = i + 1
      local c = list[i]
      if (name == nil or c.name == name) and (sub == nil or first_arg(c) == sub) then
        return c, c
      end
    end
    return nil
  end
end

local function each_of(instructions, keyword)
  local want = type(keyword) == "string" and slower(keyword) or nil
  local list = {}
  for _, ins in ipairs(instructions) do
    if want == nil or ins.cmd == want then
      list[#list + 1] = ins
    end
  end
  local i = 0
  return function()
    i = i + 1
    local x = list[i]
    return x, x
  end
end

local df_methods, stage_methods = {}, {}
function df_methods:commands(name, sub)
  return commands_of(self.instructions, name, sub)
end
function df_methods:each(keyword)
  return each_of(self.instructions, keyword)
end
function stage_methods:commands(name, sub)
  return commands_of(self.instructions, name, sub)
end
function stage_methods:each(keyword)
  return each_of(self.instructions, keyword)
end

P.mt_dockerfile = { __index = df_methods, __metatable = "read-only" }
P.mt_stage = { __index = stage_methods, __metatable = "read-only" }
P.mt_instruction = { __index = {}, __metatable = "read-only" }
P.mt_command = cmd_mt
P.mt_image = { __index = {}, __metatable = "read-only" }

pl.read_script = function(script)
  if type(script) ~= "string" then
    return {}
  end
  local out = {}
  for _, c in ipairs(read_script(script)) do
    out[#out + 1] = new_command({}, c.words, 1, c.op)
  end
  return out
end
