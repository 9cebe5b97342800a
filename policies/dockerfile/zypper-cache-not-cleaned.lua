-- zypper-cache-not-cleaned: zypper keeps repository metadata and packages under
-- /var/cache/zypp unless the same RUN cleans them.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")
local stages = require("plimsoll.stages")

local USES = { install = true, ["in"] = true, remove = true, rm = true, update = true,
  up = true, patch = true, ["dist-upgrade"] = true, dup = true, ["source-install"] = true,
  si = true, refresh = true, ref = true }
local CACHE = { "/var/cache/zypp" }
local VALUE_FLAGS = { "-r", "--repo", "--root", "-t", "--type", "--from", "-R",
  "--reposd-dir", "-C", "--cache-dir", "-D", "--installroot" }

return {
  title    = "zypper cache not cleaned in the same RUN",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3036", "DS-0020", "AVD-DS-0020", "38300d1a-feb2-4a48-936a-d1ef1cd24313" },
  help     = [[
zypper downloads repository metadata and packages into `/var/cache/zypp`. Unless the
same `RUN` runs `zypper clean` (or deletes the directory), they stay in the layer.

Not flagged: `zypper clean`/`zypper cc` (any options) or `rm -rf /var/cache/zypp` in the
same `RUN`; a `--mount=type=cache` (or `tmpfs`) on `/var/cache/zypp`; stages whose
layers do not ship in the final image.
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not pkg.mounted(ins, CACHE) then
        local first, cleaned = nil, false
        for _, c in ipairs(commands.all(ins)) do
          if c.name == "zypper" then
            local sub = c:args(VALUE_FLAGS)[1]
            if first == nil and USES[sub] and sub ~= "refresh" and sub ~= "ref" then first = c end
            if sub == "clean" or sub == "cc" then cleaned = true end
          elseif commands.removes(c, CACHE) then
            cleaned = true
          end
        end
        if first and not cleaned then
          report { message = "zypper " .. first:args(VALUE_FLAGS)[1] .. " without zypper clean in the same RUN",
                   at = first }
        end
      end
    end
  end,
}
