-- apk-add-cache: apk add without --no-cache leaves the package index in the layer.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")
local stages = require("plimsoll.stages")

local CACHE = { "/var/cache/apk", "/etc/apk/cache" }

local function cleans(c)
  if commands.removes(c, CACHE) then return true end
  if c.name == "apk" then
    local a = c:args()
    return a[1] == "cache" and (a[2] == "clean" or a[2] == "purge")
  end
  return false
end

return {
  title    = "apk add without --no-cache",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3019", "DS-0025", "AVD-DS-0025", "DKL-DI-0004",
               "ae9c56a6-3ed1-4ac0-9b54-31267f51151d" },
  help     = [[
`apk update` and `apk add --update` download the repository indexes into
`/var/cache/apk`, where they stay in the layer: dead weight and stale metadata. `apk add
--no-cache` fetches the index to a temporary place and leaves nothing behind.

Not flagged: `--no-cache`; `--no-network` (nothing is downloaded); a `RUN` that also deletes `/var/cache/apk/*` or runs `apk
cache clean`; a `--mount=type=cache` (or `tmpfs`) on `/var/cache/apk` or
`/etc/apk/cache`; stages whose layers do not ship in the final image.
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not pkg.mounted(ins, CACHE) then
        local adds, cleaned = {}, false
        for _, c in ipairs(commands.all(ins)) do
          if c.name == "apk" and c:args()[1] == "add" and not c:has_flag("--no-cache", "--no-network")
              and not commands.has_variable(c) then
            adds[#adds + 1] = c
          end
          if cleans(c) then cleaned = true end
        end
        if not cleaned then
          for _, c in ipairs(adds) do
            report { message = "apk add without --no-cache leaves the index in /var/cache/apk", at = c }
          end
        end
      end
    end
  end,
}
