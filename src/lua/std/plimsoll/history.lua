-- plimsoll.history: reading an image config's history entries (`created_by`) back into what
-- the build ran: the build arguments a RUN saw, ARG and ENV pairs, and the script.
local M = {}

-- "|2 A=1 B=2 /bin/sh -c ..." (classic builder) or "RUN |2 A=1 B=2 /bin/sh -c ..."
-- (BuildKit): the N words after |N are the build arguments the RUN saw.
function M.build_args(created_by)
  local n, rest = created_by:match("^|(%d+)%s+(.*)$")
  if not n then n, rest = created_by:match("^RUN%s+|(%d+)%s+(.*)$") end
  if not n then return {} end
  local out = {}
  for word in rest:gmatch("%S+") do
    if #out >= tonumber(n) then break end
    local k, v = word:match("^([%w_.%-]+)=(.*)$")
    if not k then break end
    out[#out + 1] = { key = k, value = v }
  end
  return out
end

-- "ENV A=1 B=2" (BuildKit) or "/bin/sh -c #(nop)  ENV A=1" (classic builder); the
-- same shapes for ARG defaults.
function M.pairs_of(keyword, created_by)
  local rest = created_by:match("^" .. keyword .. "%s+(.*)$")
      or created_by:match("#%(nop%)%s+" .. keyword .. "%s+(.*)$")
  local out = {}
  if not rest then return out end
  rest = rest:gsub("%s+#%s*buildkit%s*$", "")
  for word in rest:gmatch("%S+") do
    local k, v = word:match("^([%w_.%-]+)=(.*)$")
    if k then out[#out + 1] = { key = k, value = v } end
  end
  return out
end

-- The command a history line records, without the RUN keyword, the build arguments,
-- the shell and BuildKit's trailing comment; nil for ENV and ARG lines (read as pairs).
function M.command_text(created_by)
  local s = created_by:gsub("%s+#%s*buildkit%s*$", "")
  if s:match("^ENV%s") or s:match("^ARG%s") or s:match("#%(nop%)%s+ENV%s")
      or s:match("#%(nop%)%s+ARG%s") then
    return nil
  end
  s = s:gsub("^RUN%s+", "")
  local n, rest = s:match("^|(%d+)%s+(.*)$")
  if n then
    s = rest
    for _ = 1, tonumber(n) do s = s:gsub("^[%w_.%-]+=%S*%s*", "", 1) end
  end
  return (s:gsub("^/bin/sh %-c%s+", ""):gsub("^/bin/bash %-c%s+", ""))
end

-- True when the entry records a RUN (BuildKit's "RUN ..." or the classic builder's
-- "/bin/sh -c script" without #(nop)), as opposed to COPY, ENV, a base-image ADD or a
-- tool's own note ("apko", "BusyBox 1.37.0").
function M.is_run(created_by)
  local s = created_by or ""
  if s:match("^RUN%s") then return true end
  if s:find("#(nop)", 1, true) then return false end
  return s:match("^/bin/sh %-c%s") ~= nil or s:match("^/bin/bash %-c%s") ~= nil
      or s:match("^|%d+%s") ~= nil
end

return M
