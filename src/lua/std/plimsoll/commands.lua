-- plimsoll.commands: the commands an instruction runs, seen through the wrappers that
-- hide them (sudo, env, sh -c '...'), and facts about their words. Part of the rule
-- standard library (API 1).
local M = {}

-- Every simple command an instruction runs, seen through sudo, env, sh -c '...', as one
-- list in order (an outer wrapper is replaced by what it runs).
function M.all(ins)
  local out = {}
  for _, outer in ipairs(ins.commands or {}) do
    for _, c in ipairs(outer:unwrap()) do out[#out + 1] = c end
  end
  return out
end

-- Calls fn(cmd, outer) for each command of an instruction and for each command it wraps:
-- `sudo apt-get install x` gives apt-get (outer: the sudo command) and then sudo itself.
function M.each(ins, fn)
  for _, outer in ipairs(ins.commands or {}) do
    local ok, list = pcall(outer.unwrap, outer)
    if ok and type(list) == "table" then
      for _, c in ipairs(list) do fn(c, outer) end
      if list[1] ~= outer then fn(outer, outer) end
    else
      fn(outer, outer)
    end
  end
end

-- A word that holds a variable ($X, ${X}): its value is not known here, so a rule cannot
-- decide about it and never reports it.
function M.is_variable(w)
  return w:find("$", 1, true) ~= nil
end

-- Any argument after the command's name written with a variable ($OPTS may hold the flag
-- a rule looks for).
function M.has_variable(cmd)
  for i = 2, #(cmd.argv or {}) do
    if cmd.argv[i]:find("$", 1, true) then return true end
  end
  return false
end

-- A RUN that mounts a build secret or the SSH agent: whatever credential it uses can
-- come from there instead of from the image.
function M.has_secret_mount(ins)
  for _, m in ipairs(ins.mounts or {}) do
    if m.type == "secret" or m.type == "ssh" then return true end
  end
  return false
end

-- Positional words of an argv (argv[1] is the program) given the options that take a
-- separate value; "--" ends the options.
function M.positional(argv, value_flags)
  local set = {}
  for _, f in ipairs(value_flags or {}) do set[f] = true end
  local out, i, n = {}, 2, #argv
  while i <= n do
    local w = argv[i]
    if w == "--" then
      for j = i + 1, n do out[#out + 1] = argv[j] end
      break
    end
    if w:sub(1, 1) == "-" and #w > 1 then
      if not w:find("=", 1, true) and set[w] then i = i + 1 end
    else
      out[#out + 1] = w
    end
    i = i + 1
  end
  return out
end

-- True when argv (from index 2, before "--") has one of the flags, in the spellings
-- cmd:has_flag accepts (-y inside -qy, --yes=...); for an argv that is not a command's,
-- such as the one pkg.pip_argv returns. The prelude's, which cmd:has_flag uses too.
M.argv_has_flag = pl.argv_has_flag

-- An `rm` (or find -delete) of something under one of the given directories.
function M.removes(c, dirs)
  if c.name ~= "rm" and c.name ~= "find" then return false end
  for i = 2, #(c.argv or {}) do
    local a = c.argv[i]
    for _, d in ipairs(dirs) do
      if a == d or a:sub(1, #d + 1) == d .. "/" or a:sub(1, #d) == d and a:sub(#d + 1, #d + 1) == "*" then
        return true
      end
    end
  end
  return false
end

return M
