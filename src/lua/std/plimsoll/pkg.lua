-- plimsoll.pkg: how package managers are called and where they keep their caches, for
-- rules about pinning, prompts and caches. Part of the rule standard library (API 1).
local M = {}

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

-- Local files and URLs name exact artifacts: there is no version to pin.
function M.is_path_or_url(w)
  return w:find("/", 1, true) ~= nil or w:match("^%.") ~= nil or w:match("^~") ~= nil
      or w:match("^[%a][%w+.-]*://") ~= nil
end

return M
