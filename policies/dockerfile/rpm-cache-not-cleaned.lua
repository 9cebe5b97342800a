-- rpm-cache-not-cleaned: yum, dnf and microdnf keep repository metadata and packages
-- under /var/cache unless the same RUN cleans them.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")
local stages = require("plimsoll.stages")

local TOOLS = { yum = true, dnf = true, microdnf = true, tdnf = true, dnf5 = true }
local INSTALLS = { install = true, groupinstall = true, localinstall = true, reinstall = true,
  update = true, upgrade = true, ["distro-sync"] = true, makecache = true }
local CACHE = { "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf" }
local VALUE_FLAGS = { "-c", "--config", "--installroot", "--releasever", "-d", "-e",
  "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid" }

local function cleans(c)
  if commands.removes(c, CACHE) or commands.removes(c, { "/var/cache" }) then return true end
  if TOOLS[c.name] then
    local a = c:args(VALUE_FLAGS)
    return a[1] == "clean" and a[2] == "all"
  end
  return false
end

return {
  title    = "yum/dnf cache not cleaned in the same RUN",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3032", "DL3040", "DS-0015", "AVD-DS-0015", "DS-0019", "AVD-DS-0019",
               "DS-0027", "AVD-DS-0027", "00481784-25aa-4a55-8633-3136dfcf4f37",
               "295acb63-9246-4b21-b441-7c1f1fb62dc0" },
  help     = [[
`yum`, `dnf` and `microdnf` download repository metadata (often over 100 MB) and
packages into `/var/cache/yum` or `/var/cache/dnf`. Unless the same `RUN` removes them,
they stay in the layer forever; cleaning in a later `RUN` does not shrink it.

Not flagged: a `RUN` that also runs `yum clean all` / `dnf clean all` / `microdnf clean
all` or deletes the cache directory; a `--mount=type=cache` (or `tmpfs`) on the cache
directory; stages whose layers do not ship in the final image.
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not pkg.mounted(ins, CACHE) then
        local first, cleaned = nil, false
        for _, c in ipairs(commands.all(ins)) do
          if first == nil and TOOLS[c.name] and INSTALLS[c:args(VALUE_FLAGS)[1]] then first = c end
          if cleans(c) then cleaned = true end
        end
        if first and not cleaned then
          report { message = first.name .. " " .. first:args(VALUE_FLAGS)[1] .. " without "
                             .. first.name .. " clean all in the same RUN", at = first }
        end
      end
    end
  end,
}
