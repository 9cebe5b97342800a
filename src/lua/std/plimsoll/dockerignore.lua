-- plimsoll.dockerignore: does a .dockerignore keep a path out of the build context, decided
-- as BuildKit decides it (moby/patternmatcher): patterns in order, the last one that
-- matches wins, `!` re-includes; `*` and `?` stop at `/`, `**` crosses it; a pattern
-- that matches a directory also excludes everything under it.
local M = {}

-- Matches pattern p against string s from positions i, j; bounded by memo so that
-- `**/**/**` cannot make it exponential.
local function match(p, s)
  local memo = {}
  local np, ns = #p, #s
  local function m(i, j)
    local key = i * (ns + 2) + j
    local hit = memo[key]
    if hit ~= nil then return hit end
    local r
    if i > np then
      r = j > ns
    else
      local c = p:sub(i, i)
      if c == "*" and p:sub(i + 1, i + 1) == "*" then
        -- `**/` may match nothing; `**` matches any run, slashes included
        local k = i + 2
        if p:sub(k, k) == "/" then
          r = m(k + 1, j)
        end
        if not r then
          for t = j, ns + 1 do
            if m(k, t) then r = true break end
          end
        end
      elseif c == "*" then
        r = false
        for t = j, ns + 1 do
          if m(i + 1, t) then r = true break end
          if s:sub(t, t) == "/" then break end
        end
      elseif j > ns then
        r = false
      elseif c == "?" then
        r = s:sub(j, j) ~= "/" and m(i + 1, j + 1)
      elseif c == "[" then
        local close = p:find("]", i + 2, true)
        if not close then
          r = s:sub(j, j) == "[" and m(i + 1, j + 1)
        else
          local set = p:sub(i + 1, close - 1)
          local neg = set:sub(1, 1) == "^" or set:sub(1, 1) == "!"
          if neg then set = set:sub(2) end
          local ch = s:sub(j, j)
          local inside, k = false, 1
          while k <= #set do
            local a = set:sub(k, k)
            if a == "\\" and k < #set then k = k + 1; a = set:sub(k, k) end
            if set:sub(k + 1, k + 1) == "-" and k + 2 <= #set then
              local b = set:sub(k + 2, k + 2)
              if ch >= a and ch <= b then inside = true end
              k = k + 3
            else
              if ch == a then inside = true end
              k = k + 1
            end
          end
          r = ch ~= "/" and inside ~= neg and m(close + 1, j + 1)
        end
      elseif c == "\\" and i < np then
        r = s:sub(j, j) == p:sub(i + 1, i + 1) and m(i + 2, j + 1)
      else
        r = s:sub(j, j) == c and m(i + 1, j + 1)
      end
    end
    memo[key] = r and true or false
    return memo[key]
  end
  return m(1, 1)
end

-- True when the pattern matches the path or one of its parent directories.
local function matches(pattern, path)
  if pattern == "." or pattern == "/" then return false end
  if match(pattern, path) then return true end
  local i = #path
  while i > 1 do
    if path:sub(i, i) == "/" and match(pattern, path:sub(1, i - 1)) then return true end
    i = i - 1
  end
  return false
end
M.matches = matches

-- Is path (relative to the context, no leading ./) excluded by the patterns? Returns the
-- verdict and the pattern that decided it (nil when none matched).
function M.excluded(patterns, path)
  if #path > 1024 then return false, nil end
  local verdict, by = false, nil
  for _, p in ipairs(patterns or {}) do
    if #p.pattern <= 512 and matches(p.pattern, path) then
      verdict, by = not p.negate, p
    end
  end
  return verdict, by
end

return M
