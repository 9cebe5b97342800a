-- dockerignore-missing: COPY of the whole build context with no .dockerignore (or one
-- that lets .git, .env or private keys through) puts them into the image.
local stages = require("plimsoll.stages")
local ignore = require("plimsoll.dockerignore")

local DEFAULT = { ".git", ".env", "id_rsa", "*.pem", "*.key" }
local WHOLE = { ["."] = true, ["./"] = true, ["*"] = true, ["./*"] = true, ["/"] = true }

-- The sources of a COPY/ADD from the context that take all of it, or nil.
local function copies_everything(ins)
  if ins.flags and ins.flags.from then return false end
  local args = ins.args or {}
  if ins.form == "exec" then args = ins.exec or args end
  for i = 1, #args - 1 do
    if WHOLE[pl.unquote(args[i])] then return true end
  end
  return false
end

-- Paths the instruction itself leaves out with --exclude (Dockerfile 1.7+).
local function excludes(ins)
  local list = {}
  for _, f in ipairs(ins.flag_list or {}) do
    if f.name == "exclude" and f.value then
      list[#list + 1] = { pattern = pl.unquote(f.value), negate = false }
    end
  end
  return list
end

return {
  title    = "Build context copied without a .dockerignore that keeps secrets out",
  severity = "medium",
  input    = "dockerfile",
  aliases  = {},
  params   = {
    paths = {
      type = "list",
      default = DEFAULT,
      description = "paths (relative to the context) that the .dockerignore must exclude; `*` stands for any file name",
    },
  },
  help     = [[
`COPY . /app` copies everything in the build context that `.dockerignore` does not
exclude: the `.git` directory (the whole history, including secrets once committed and
later deleted), `.env` files, private keys and cloud credentials lying in the checkout.
They end up in a layer of the image, readable by anyone who can pull it.

Flagged, at the `COPY`/`ADD` of the whole context (`.`, `./`, `*`) in the final stage
or a stage it is built `FROM`:

- when the context has no ignore file (`<Dockerfile>.dockerignore` or `.dockerignore`
  beside the Dockerfile — plimsoll takes the Dockerfile's directory as the context);
- when it has one that does not exclude each of `paths` (default `.git`, `.env`,
  `id_rsa`, `*.pem`, `*.key`; a `*` stands for any name). Patterns are matched as
  BuildKit matches them, `!` exceptions included.

Not flagged: `COPY` of named files or directories; `COPY --from`; paths the instruction
leaves out with `--exclude`; builder stages whose layers do not ship; a Dockerfile read
from standard input (its context is unknown). No peer scanner checks this.

Before: no `.dockerignore`, and

```dockerfile
COPY . /app
```

After: a `.dockerignore` beside the Dockerfile:

```
.git
.env
*.pem
*.key
id_rsa*
```
]],
  check = function(df, report, params)
    local ctx = df.context
    if ctx == nil then return end
    local paths = params.paths
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if (ins.cmd == "copy" or ins.cmd == "add") and ships[ins.stage] and copies_everything(ins) then
        local own = excludes(ins)
        local patterns = ctx.dockerignore and ctx.dockerignore.patterns or {}
        local leaks = {}
        for _, p in ipairs(paths) do
          local sample = p:gsub("%*", "x")
          if not ignore.excluded(patterns, sample) and not ignore.excluded(own, sample) then
            leaks[#leaks + 1] = p
          end
        end
        if #leaks > 0 and ctx.dockerignore == nil then
          report { message = ins.keyword:upper() .. " copies the whole build context and there is no .dockerignore: "
                             .. table.concat(leaks, ", ") .. " would go into the image", at = ins }
        elseif #leaks > 0 then
          report { message = ins.keyword:upper() .. " copies the whole build context and "
                             .. ctx.dockerignore.path .. " does not exclude " .. table.concat(leaks, ", "),
                   at = ins }
        end
        return -- one finding per Dockerfile: the first copy of the context
      end
    end
  end,
}
