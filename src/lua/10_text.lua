-- 10_text.lua — string helpers in the global `pl` table: split, trim, startswith,
-- endswith, unquote, glob and image_ref.
--
-- Lua patterns run inside one C call that the count hook cannot interrupt, so every
-- pattern here is linear in its subject: no nested `.-`, and windows of bounded size
-- where a match could otherwise scan far.
local P = ...
local pl = P.pl or {}
P.pl = pl
local type, error, tostring = type, error, tostring
local sfind, ssub, sbyte, smatch, sgmatch = string.find, string.sub, string.byte, string.match,
  string.gmatch

local function need_string(v, fname, n)
  if type(v) ~= "string" then
    error(("pl.%s: argument %d must be a string, got %s"):format(fname, n, type(v)), 3)
  end
end

function pl.trim(s)
  need_string(s, "trim", 1)
  local a = sfind(s, "%S")
  if not a then
    return ""
  end
  local b = #s
  while b > a do
    local c = sbyte(s, b)
    if c ~= 32 and (c < 9 or c > 13) then
      break
    end
    b = b - 1
  end
  return ssub(s, a, b)
end

-- pl.split(s) splits on runs of white space; pl.split(s, sep) on a plain separator,
-- keeping empty fields.
function pl.split(s, sep)
  need_string(s, "split", 1)
  local out = {}
  if sep == nil then
    for w in sgmatch(s, "%S+") do
      out[#out + 1] = w
    end
    return out
  end
  need_string(sep, "split", 2)
  if sep == "" then
    error("pl.split: the separator must not be empty", 2)
  end
  local i = 1
  while true do
    local a, b = sfind(s, sep, i, true)
    if not a then
      out[#out + 1] = ssub(s, i)
      return out
    end
    out[#out + 1] = ssub(s, i, a - 1)
    i = b + 1
  end
end

function pl.startswith(s, p)
  need_string(s, "startswith", 1)
  need_string(p, "startswith", 2)
  return ssub(s, 1, #p) == p
end

function pl.endswith(s, p)
  need_string(s, "endswith", 1)
  need_string(p, "endswith", 2)
  return p == "" or ssub(s, -#p) == p
end

-- One level of matching quotes off a word: "a b" -> a b, 'x' -> x; anything else as is.
function pl.unquote(s)
  need_string(s, "unquote", 1)
  local n = #s
  if n >= 2 then
    local q = sbyte(s, 1)
    if (q == 34 or q == 39) and sbyte(s, n) == q then
      return ssub(s, 2, n - 1)
    end
  end
  return s
end

-- [set] at pattern position pi: returns whether ch is in it and the index after ']',
-- or nil when the bracket is not closed (then '[' is an ordinary character).
local function class_match(pattern, pi, ch)
  local i, n = pi + 1, #pattern
  local negate = false
  local c = ssub(pattern, i, i)
  if c == "!" or c == "^" then
    negate = true
    i = i + 1
  end
  local found, first = false, true
  while i <= n do
    c = ssub(pattern, i, i)
    if c == "]" and not first then
      if negate then
        found = not found
      end
      return found, i + 1
    end
    first = false
    if c == "\\" and i < n then
      i = i + 1
      c = ssub(pattern, i, i)
    end
    if ssub(pattern, i + 1, i + 1) == "-" and i + 2 <= n and ssub(pattern, i + 2, i + 2) ~= "]" then
      local hi = ssub(pattern, i + 2, i + 2)
      if ch >= c and ch <= hi then
        found = true
      end
      i = i + 3
    else
      if ch == c then
        found = true
      end
      i = i + 1
    end
  end
  return nil
end

-- Shell glob: * (any run, '/' included), ? (one character), [abc] [a-z] [!x], \x.
-- One backtrack point, so the cost is at most #pattern * #s steps.
function pl.glob(pattern, s)
  need_string(pattern, "glob", 1)
  need_string(s, "glob", 2)
  local pi, si, plen, slen = 1, 1, #pattern, #s
  local star_p, star_s = nil, nil
  while si <= slen do
    local matched, np = false, nil
    local c = pi <= plen and ssub(pattern, pi, pi) or nil
    if c == "*" then
      star_p, star_s = pi, si
      pi = pi + 1
    else
      local ch = ssub(s, si, si)
      if c == "?" then
        matched, np = true, pi + 1
      elseif c == "[" then
        local ok, nxt = class_match(pattern, pi, ch)
        if nxt then
          matched, np = ok, nxt
        else
          matched, np = ch == "[", pi + 1
        end
      elseif c == "\\" and pi < plen then
        matched, np = ssub(pattern, pi + 1, pi + 1) == ch, pi + 2
      elseif c then
        matched, np = c == ch, pi + 1
      end
      if matched then
        pi, si = np, si + 1
      elseif star_p then
        star_s = star_s + 1
        pi, si = star_p + 1, star_s
      else
        return false
      end
    end
  end
  while pi <= plen and ssub(pattern, pi, pi) == "*" do
    pi = pi + 1
  end
  return pi > plen
end

-- Splits an image reference the way a registry client does:
-- [registry/]repository[:tag][@digest]; registry "docker.io" when implied, and
-- "library/" for official images there.
-- The analysis's own splitter (src/parse/imageref.c, through the bridge), so a rule reads
-- a reference exactly as the model's FROM does.
local c_image_ref = P.image_ref
function pl.image_ref(ref)
  need_string(ref, "image_ref", 1)
  return c_image_ref(ref)
end

