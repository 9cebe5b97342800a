-- 00_sandbox.lua — the base functions that must behave differently inside the sandbox.
--
-- Each prelude file is a chunk called with one table, P, that the host reads back after
-- the last file: what this file puts there replaces the standard function of that name
-- in every policy's environment. Everything used is captured as a local first, so no
-- policy can change what these functions call.
local P = ...
local pcall, error, type, select, rawget = pcall, error, type, select, rawget
local real_setmetatable = setmetatable
local pack, unpack = table.pack, table.unpack
local co = coroutine
local co_create, co_resume, co_yield, co_status = co.create, co.resume, co.yield, co.status
local co_isyieldable, co_running, co_close = co.isyieldable, co.running, co.close

-- xpcall as pcall-then-handler: 5.4 runs a message handler with hooks off, so a handler
-- that loops could never be stopped. Here it runs after unwinding, under the count hook.
function P.xpcall(f, handler, ...)
  local r = pack(pcall(f, ...))
  if r[1] then
    return unpack(r, 1, r.n)
  end
  return false, (handler(r[2]))
end

-- Finalizers run during some later allocation, with hooks off, in another rule's time.
function P.setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("setmetatable: __gc finalizers are not allowed in policies", 2)
  end
  return real_setmetatable(t, mt)
end

-- 5.4.4 resets the C-call count in coroutine.close, so nested closes can overflow the
-- C stack (upstream 1e64c139, not in Debian's 5.4.4): bound the nesting.
local close_depth, MAX_CLOSE_DEPTH = 0, 100
local function close(c)
  if close_depth >= MAX_CLOSE_DEPTH then
    error("coroutine.close nested too deeply (limit " .. MAX_CLOSE_DEPTH .. ")", 2)
  end
  close_depth = close_depth + 1
  local r = pack(pcall(co_close, c))
  close_depth = close_depth - 1
  if not r[1] then
    error(r[2], 0)
  end
  return unpack(r, 2, r.n)
end

local function wrap(f)
  local c = co_create(f)
  return function(...)
    local r = pack(co_resume(c, ...))
    if r[1] then
      return unpack(r, 2, r.n)
    end
    error(r[2], 0)
  end
end

P.coroutine = {
  create = co_create, resume = co_resume, yield = co_yield, status = co_status,
  isyieldable = co_isyieldable, running = co_running, close = close, wrap = wrap,
}
