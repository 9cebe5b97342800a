-- yarn-cache-not-cleaned: yarn (v1) keeps every downloaded package in its global cache,
-- which then ships in the layer.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")
local stages = require("plimsoll.stages")

local CACHE = { "/usr/local/share/.cache/yarn", "*/.cache/yarn", "*/.yarn/berry/cache",
  "/root/.cache", "/root/.yarn" }
local REMOVED = { "/usr/local/share/.cache/yarn", "/usr/local/share/.cache", "/root/.cache",
  "~/.cache", "$HOME/.cache", "${HOME}/.cache", "/tmp/yarn-cache", "/root/.yarn" }
local VALUE_FLAGS = { "--cwd", "--registry", "--cache-folder", "--modules-folder",
  "--network-timeout", "--mutex", "--global-folder", "--prefix" }

-- `yarn`, `yarn install`, `yarn add x`, `yarn global add x` download packages.
local function installs(c)
  if c.name ~= "yarn" then return false end
  if c:has_flag("--cache-folder", "--version", "-v", "--help", "-h") then return false end
  local a = c:args(VALUE_FLAGS)
  return a[1] == nil or a[1] == "install" or a[1] == "add"
      or (a[1] == "global" and a[2] == "add")
end

local function cleans(c)
  if commands.removes(c, REMOVED) then return true end
  if c.name == "yarn" then
    local a = c:args(VALUE_FLAGS)
    return a[1] == "cache" and a[2] == "clean"
  end
  return false
end

return {
  title    = "yarn cache not cleaned in the same RUN",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3060" },
  help     = [[
Yarn 1 copies every package it downloads into its global cache
(`/usr/local/share/.cache/yarn` as root). In an image that cache is never used again
but ships in the layer, often as large as `node_modules` itself. Run `yarn cache clean`
in the same `RUN`, or mount a BuildKit cache on it.

Not flagged: `yarn cache clean` or deleting the cache directory in the same `RUN`;
`--cache-folder` (you chose where it goes); a `--mount=type=cache` (or `tmpfs`) on the
cache directory; stages whose layers do not ship in the final image (a builder stage
whose output is copied over).
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not pkg.mounted(ins, CACHE) then
        local first, cleaned = nil, false
        for _, c in ipairs(commands.all(ins)) do
          if first == nil and installs(c) then first = c end
          if cleans(c) then cleaned = true end
        end
        if first and not cleaned then
          report { message = "yarn install without yarn cache clean in the same RUN", at = first }
        end
      end
    end
  end,
}
