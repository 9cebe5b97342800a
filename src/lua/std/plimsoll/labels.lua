-- plimsoll.labels: the LABELs an image ends up with, and the value formats the OCI image
-- annotations (and hadolint's label-schema) ask for, shared by the label rules.
local stages = require("plimsoll.stages")

local M = {}

-- Every LABEL pair of the final stage and the stages it is built FROM, in file order.
-- Labels of an external base image describe the base and are not seen here.
function M.final_pairs(df)
  local chain = stages.final_chain(df)
  local out = {}
  for i = #chain, 1, -1 do
    for _, ins in ipairs(chain[i].instructions or {}) do
      if ins.cmd == "label" then
        for _, p in ipairs(ins.pairs or {}) do out[#out + 1] = { pair = p, ins = ins } end
      end
    end
  end
  return out
end

local function is_url(v)
  local scheme, rest = v:match("^([%a][%w+.%-]*):(.*)$")
  return scheme ~= nil and rest ~= "" and not v:find("%s")
end

local function in_range(s, lo, hi)
  local n = tonumber(s)
  return n ~= nil and n >= lo and n <= hi
end

-- RFC 3339 date-time: 2024-05-01T12:30:00Z, fractions and numeric offsets allowed.
local function is_rfc3339(v)
  local y, mo, d, h, mi, s, rest =
    v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)[Tt ](%d%d):(%d%d):(%d%d)(.*)$")
  if not y then return false end
  if not (in_range(mo, 1, 12) and in_range(d, 1, 31) and in_range(h, 0, 23)
          and in_range(mi, 0, 59) and in_range(s, 0, 60)) then
    return false
  end
  rest = rest:gsub("^%.%d+", "")
  if rest == "Z" or rest == "z" then return true end
  local oh, om = rest:match("^[+-](%d%d):(%d%d)$")
  return oh ~= nil and in_range(oh, 0, 23) and in_range(om, 0, 59)
end

-- Semantic versioning 2.0.0 (no leading "v", no leading zeros in the numbers).
local function numeric_ok(n)
  return n == "0" or n:match("^[1-9]%d*$") ~= nil
end
local function idents_ok(s, numeric_rule)
  for part in (s .. "."):gmatch("([^.]*)%.") do
    if part == "" or not part:match("^[%w%-]+$") then return false end
    if numeric_rule and part:match("^%d+$") and not numeric_ok(part) then return false end
  end
  return true
end
local function is_semver(v)
  local core, rest = v:match("^([%d.]+)(.*)$")
  if not core then return false end
  local a, b, c = core:match("^(%d+)%.(%d+)%.(%d+)$")
  if not (a and numeric_ok(a) and numeric_ok(b) and numeric_ok(c)) then return false end
  local pre, build = rest:match("^%-([^+]*)(.*)$")
  if pre then
    if not idents_ok(pre, true) then return false end
    rest = build
  end
  if rest == "" then return true end
  local meta = rest:match("^%+(.*)$")
  return meta ~= nil and idents_ok(meta, false)
end

-- A git commit id: the full 40 (SHA-1) or 64 (SHA-256) hex digits, or an abbreviation
-- of at least 7, lowercase as git prints them.
local function is_hash(v)
  return v:match("^[0-9a-f]+$") ~= nil and (#v >= 7 and #v <= 40 or #v == 64)
end

-- The shape of an SPDX license expression: ids (MIT, Apache-2.0, GPL-2.0-or-later,
-- LicenseRef-x), `+`, AND / OR / WITH and parentheses. Membership of the SPDX list is
-- not checked: the list changes, and a rule cannot fetch it.
local function is_spdx(v)
  local tokens = {}
  for t in v:gsub("%(", " ( "):gsub("%)", " ) "):gmatch("%S+") do tokens[#tokens + 1] = t end
  if #tokens == 0 then return false end
  local depth, want_id = 0, true
  for _, t in ipairs(tokens) do
    if t == "(" then
      if not want_id then return false end
      depth = depth + 1
    elseif t == ")" then
      if want_id or depth == 0 then return false end
      depth = depth - 1
    elseif t == "AND" or t == "OR" or t == "WITH" then
      if want_id then return false end
      want_id = true
    else
      if not want_id then return false end
      if not t:match("^[%w][%w.%-]*%+?$") or not t:find("%a") then return false end
      want_id = false
    end
  end
  return depth == 0 and not want_id
end

local function is_email(v)
  local user, host = v:match("^([^@%s<>]+)@([^@%s<>]+)$")
  return user ~= nil and host:match("^[%w%-]+%.[%w.%-]*%w$") ~= nil and not host:find("..", 1, true)
end

M.TYPES = {
  text = { check = function() return true end },
  url = { check = is_url, what = "a URL (scheme:...)" },
  rfc3339 = { check = is_rfc3339, what = "an RFC 3339 time (2024-05-01T12:30:00Z)" },
  semver = { check = is_semver, what = "a semantic version (1.4.2)" },
  hash = { check = is_hash, what = "a git commit hash" },
  spdx = { check = is_spdx, what = "an SPDX license expression (Apache-2.0, MIT OR GPL-2.0-only)" },
  email = { check = is_email, what = "an email address" },
}

-- "name:type" entries (hadolint's --require-label syntax; no type means text) into a
-- map name -> type, and a list of entries that do not parse.
function M.parse_schema(list)
  local map, bad = {}, {}
  for _, entry in ipairs(list or {}) do
    local name, ty = entry:match("^(.-):([%w]*)$")
    if not name then name, ty = entry, "text" end
    if ty == "" then ty = "text" end
    name = name:gsub("^%s+", ""):gsub("%s+$", "")
    if name == "" or not M.TYPES[ty] then
      bad[#bad + 1] = entry
    else
      map[name] = ty
    end
  end
  return map, bad
end

return M
