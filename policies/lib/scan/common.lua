-- scan.common: helpers shared by the built-in scanner-catalogue rules (stages that ship,
-- commands seen through wrappers, secret mounts, parameters with their defaults).
local M = {}

-- The stage walks are pkg's (one definition for every rule of the bundle).
local pkg = require("pkg")

-- Stages whose layers end up in the image: the final stage and the stages it is built
-- FROM. A builder stage the final stage only COPYs files from ships none of its layers.
M.shipped = pkg.shipped

-- The final stage's chain of stages, final first, then its bases.
function M.chain(df)
  local bases_first, list = pkg.chain(df, df.final), {}
  for i = #bases_first, 1, -1 do
    list[#list + 1] = bases_first[i]
  end
  return list
end

-- Every command of an instruction, seen through sudo, env, sh -c '...' and the like:
-- calls fn(cmd, outer) for the outer command and for each command it wraps.
function M.each_command(ins, fn)
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

-- A RUN that mounts a build secret: whatever credential it uses can come from there.
function M.has_secret_mount(ins)
  for _, m in ipairs(ins.mounts or {}) do
    if m.type == "secret" or m.type == "ssh" then return true end
  end
  return false
end

-- The value of a rule parameter, or its default while the engine passes none.
function M.param(params, name, default)
  if type(params) == "table" and params[name] ~= nil then return params[name] end
  return default
end

-- Strips one level of matching quotes.
function M.unquote(w)
  return (w:gsub('^"(.*)"$', "%1"):gsub("^'(.*)'$", "%1"))
end

-- True when a word is (or starts with) a shell variable whose value is not known here.
function M.is_variable(w)
  return w:find("^%$") ~= nil
end

return M
