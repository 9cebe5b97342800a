-- pkg: shared helpers for the package-manager rules (pinning, prompts, caches): which
-- stages ship, every command of a RUN seen through wrappers, how each manager is called,
-- and which mounts keep a cache out of the layer.
local M = {}

-- Stages whose layers end up in the image: the final stage and the stages it is built
-- FROM. A builder stage the final stage only COPYs files from ships none of its layers.
function M.shipped(df)
  local set, stage, guard = {}, df.final, 0
  while stage and guard < 1000 do
    set[stage.index] = true
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then break end
    stage = df.stages[b]
    guard = guard + 1
  end
  return set
end

-- The chain of stages from the final stage's root to the final stage (bases first).
function M.chain(df, stage)
  local list, guard = {}, 0
  while stage and guard < 1000 do
    table.insert(list, 1, stage)
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then break end
    stage = df.stages[b]
    guard = guard + 1
  end
  return list
end

-- Every simple command an instruction runs, seen through sudo, env, sh -c '...'.
function M.commands(ins)
  local out = {}
  for _, outer in ipairs(ins.commands or {}) do
    for _, c in ipairs(outer:unwrap()) do out[#out + 1] = c end
  end
  return out
end

-- A word whose value comes from a variable: undecidable, so never a violation.
function M.is_variable(w)
  return w:find("$", 1, true) ~= nil
end

-- Any argument after the name written with a variable ($OPTS may hold the flag).
function M.has_variable(cmd)
  for i = 2, #(cmd.argv or {}) do
    if cmd.argv[i]:find("$", 1, true) then return true end
  end
  return false
end

-- pip is reached as pip, pip3, pip3.12, or python -m pip: returns the words after
-- "pip" (as an argv whose [1] is "pip"), or nil.
function M.pip_argv(cmd)
  local name = cmd.name or ""
  if name:match("^pip[%d.]*$") then return cmd.argv end
  if name:match("^python[%d.]*$") then
    local argv = cmd.argv
    for i = 2, #argv - 1 do
      if argv[i] == "-m" then
        if argv[i + 1] == "pip" then
          local out = { "pip" }
          for j = i + 2, #argv do out[#out + 1] = argv[j] end
          return out
        end
        return nil
      elseif argv[i]:sub(1, 1) ~= "-" then
        return nil
      end
    end
  end
  return nil
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
-- cmd:has_flag accepts (-y inside -qy, --yes=...).
function M.argv_has_flag(argv, ...)
  local wanted = { ... }
  for i = 2, #argv do
    local w = argv[i]
    if w == "--" then break end
    if w:sub(1, 1) == "-" then
      for _, f in ipairs(wanted) do
        if w == f then return true end
        if f:sub(1, 2) == "--" then
          if w:sub(1, #f + 1) == f .. "=" then return true end
        elseif #f == 2 and w:sub(2, 2) ~= "-" and w:match("^%-%a+$")
            and w:find(f:sub(2, 2), 2, true) then
          return true
        end
      end
    end
  end
  return false
end

-- A cache or tmpfs mount whose target is `path`, a parent of it, or (with `prefix`
-- true) anything under it.
function M.mounted(ins, paths)
  for _, m in ipairs(ins.mounts or {}) do
    if (m.type == "cache" or m.type == "tmpfs") and type(m.target) == "string" then
      local t = m.target:gsub("/+$", "")
      for _, p in ipairs(paths) do
        if t == "" or t == p or p:sub(1, #t + 1) == t .. "/" then return true end
        -- ~/.cache/pip under any home directory
        if p:sub(1, 2) == "*/" and (t:sub(-(#p - 1)) == p:sub(2) or t:find(p:sub(2) .. "/", 1, true)) then
          return true
        end
      end
    end
  end
  return false
end

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

-- Local files and URLs name exact artifacts: there is no version to pin.
function M.is_path_or_url(w)
  return w:find("/", 1, true) ~= nil or w:match("^%.") ~= nil or w:match("^~") ~= nil
      or w:match("^[%a][%w+.-]*://") ~= nil
end

return M
