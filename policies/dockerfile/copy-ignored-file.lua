-- copy-ignored-file: a COPY source that .dockerignore keeps out of the build context is
-- not there when the build runs: the COPY fails, or a wildcard copies nothing.
local ignore = require("plimsoll.dockerignore")

-- A source as BuildKit reads it against the ignore patterns: relative to the context,
-- cleaned like a path. nil for the whole context (dockerignore-missing's concern).
local function clean(src)
  local p = pl.unquote(src):gsub("\\", "/")
  local parts = {}
  for seg in p:gmatch("[^/]+") do
    if seg == ".." then
      if #parts == 0 then return nil end
      parts[#parts] = nil
    elseif seg ~= "." then
      parts[#parts + 1] = seg
    end
  end
  if #parts == 0 then return nil end
  return table.concat(parts, "/")
end

local function has_wildcard(s)
  return s:find("[*?%[]") ~= nil
end

-- A `!` pattern that may re-include something at or below path: the source is then
-- at least partly in the context.
local function reincluded_below(patterns, path)
  for _, p in ipairs(patterns) do
    if p.negate then
      if has_wildcard(p.pattern) or has_wildcard(path) then return true end
      if p.pattern == path or p.pattern:sub(1, #path + 1) == path .. "/" then return true end
    end
  end
  return false
end

return {
  title    = "COPY of a file the .dockerignore excludes",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "CopyIgnoredFile" },
  help     = [[
Files that `.dockerignore` excludes are never sent to the builder, so a `COPY` or `ADD`
that names one fails with "not found" (or, with a wildcard, silently copies nothing).
Either the file should not be copied, or the ignore file is wrong: re-include it with a
`!` line, or narrow the pattern that catches it.

The ignore file is the one BuildKit uses: `<Dockerfile>.dockerignore` beside the
Dockerfile, else `.dockerignore` in its directory (taken as the build context).
Matching follows BuildKit's rules (the last matching pattern wins, `!` re-includes, a
pattern that matches a directory excludes what is under it). Not judged: sources from
another stage or image (`--from`), URLs, sources with a variable, the whole context
(`COPY . .`), and sources that a `!` pattern may partly re-include.

Before (`.dockerignore` has `config/`):

```dockerfile
COPY config/app.yaml /etc/app/
```

After (`.dockerignore`):

```
config/
!config/app.yaml
```
]],
  check = function(df, report)
    local ctx = df.context
    local di = ctx and ctx.dockerignore
    local patterns = di and di.patterns
    if not patterns or #patterns == 0 then return end
    for _, ins in ipairs(df.instructions) do
      if (ins.cmd == "copy" or ins.cmd == "add") and not (ins.flags and ins.flags.from) then
        local args = ins.args or {}
        for i = 1, #args - 1 do
          local a = args[i]
          if not a:find("$", 1, true) and not a:find("^<<") and not a:match("^[%a][%w+.%-]*://")
              and not a:match("^git@") then
            local src = clean(a)
            if src then
              local out, by = ignore.excluded(patterns, src)
              if out and not reincluded_below(patterns, src) then
                report { message = ins.cmd:upper() .. " source " .. src .. " is excluded by "
                                   .. (di.path or ".dockerignore") .. " (pattern " .. by.pattern
                                   .. (by.line and (" at line " .. by.line) or "")
                                   .. "): it is not in the build context",
                         at = ins }
              end
            end
          end
        end
      end
    end
  end,
}
