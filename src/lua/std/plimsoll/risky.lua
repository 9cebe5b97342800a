-- plimsoll.risky: commands that are risky wherever they run, shared by the Dockerfile rules
-- and the image-history rule that reads the same commands back from created_by: modes
-- that make files world-writable, and downloads run as programs.
local M = {}

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
    local who, perms = clause:match("^([ugoa]*)[+=]([rwxXst]*)$")
    if who and (who:find("[oa]")) and perms:find("w", 1, true) and not perms:find("t", 1, true) then
      return true
    end
  end
  return false
end

function M.world_writable(m)
  if m == nil or m:find("^%$") then return false end
  return octal_world_writable(m) or symbolic_world_writable(m)
end

M.SHELLS = { sh = true, bash = true, dash = true, ash = true, zsh = true, ksh = true,
             mksh = true, busybox = false }
M.INTERPRETERS = { python = true, python2 = true, python3 = true, perl = true,
                   ruby = true, node = true, php = true }
M.FETCHERS = { curl = true, wget = true }

-- The command a wrapper (sudo, env, sh -c ...) runs, or the command itself.
function M.see_through(c)
  local ok, list = pcall(function() return c:unwrap() end)
  if ok and type(list) == "table" and list[1] then return list[1] end
  return c
end

-- A shell or interpreter that reads its program from stdin: no script operand, or `-`,
-- or `-s`. `python3 -c '...'` reading JSON from the pipe is not running the download.
function M.reads_program_from_stdin(c)
  local name = c.name
  if not (M.SHELLS[name] or M.INTERPRETERS[name]) then return false end
  local argv = c.argv or {}
  for i = 2, #argv do
    local w = argv[i]
    if w == "-" or w == "-s" then return true end
    if w == "-c" or w == "-e" or w == "-m" or w == "-r" then return false end
    if w:sub(1, 1) ~= "-" then return false end -- a script file operand
  end
  return true
end

-- A shell, eval or source whose script comes from $(curl ...), `wget ...` or <(curl ...).
function M.fetch_in_substitution(c)
  if not (M.SHELLS[c.name] or c.name == "eval" or c.name == "source" or c.name == ".") then return false end
  local argv = c.argv or {}
  for i = 2, #argv do
    local w = argv[i]
    for _, f in ipairs { "curl", "wget" } do
      if w:find("%$%(%s*" .. f .. "[%s)]") or w:find("`%s*" .. f .. "%s")
          or w:find("<%(%s*" .. f .. "%s") then
        return f
      end
    end
  end
  return nil
end


-- The command at cmds[i] is a download whose output a later command of the same pipeline
-- runs as a program: returns the fetcher and the program's names, else nil.
function M.pipe_to_program(cmds, i)
  local c = cmds[i]
  local inner = M.see_through(c)
  if not (M.FETCHERS[inner.name] and c.op == "|") then return nil end
  local j, prev = i + 1, c
  while cmds[j] and prev.op == "|" do
    local nxt = cmds[j]
    if nxt.depth == c.depth and nxt.subst == c.subst then
      local target = M.see_through(nxt)
      if M.reads_program_from_stdin(target) then return inner.name, target.name end
      prev = nxt
    end
    j = j + 1
  end
  return nil
end

-- A shell (or eval) whose script is the output of a download: sh -c "$(curl ...)",
-- bash <(curl ...). Returns the fetcher's name and the command that runs it.
function M.runs_fetched_script(c)
  local shell = c
  if not (M.SHELLS[c.name] or c.name == "eval") then shell = M.see_through(c) end
  local f = M.fetch_in_substitution(shell)
  if f then return f, shell.name end
  return nil
end

return M
