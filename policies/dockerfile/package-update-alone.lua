-- package-update-alone: an index refreshed in one RUN is cached as a layer, and installs
-- in later RUNs read that layer long after the repository has moved on.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

-- Refresh commands: manager -> { verbs } and the directories the index lives in.
local REFRESH = {
  ["apt-get"] = { verbs = { update = true }, dirs = { "/var/lib/apt/lists" } },
  ["apt"] = { verbs = { update = true }, dirs = { "/var/lib/apt/lists" } },
  ["aptitude"] = { verbs = { update = true }, dirs = { "/var/lib/apt/lists" } },
  ["apk"] = { verbs = { update = true }, dirs = { "/var/cache/apk", "/etc/apk/cache" } },
  ["yum"] = { verbs = { makecache = true }, dirs = { "/var/cache/yum" } },
  ["dnf"] = { verbs = { makecache = true }, dirs = { "/var/cache/dnf", "/var/cache/libdnf5" } },
  ["microdnf"] = { verbs = { makecache = true }, dirs = { "/var/cache/yum", "/var/cache/dnf" } },
  ["tdnf"] = { verbs = { makecache = true }, dirs = { "/var/cache/tdnf" } },
  ["zypper"] = { verbs = { refresh = true, ref = true }, dirs = { "/var/cache/zypp" } },
}

-- Verbs that use the index, per manager family.
local APT_USE = { install = true, upgrade = true, ["dist-upgrade"] = true, ["full-upgrade"] = true,
  ["build-dep"] = true, source = true, download = true, satisfy = true, reinstall = true,
  changelog = true }
local USE = {
  ["apt-get"] = APT_USE, apt = APT_USE, aptitude = APT_USE,
  apk = { add = true, upgrade = true, fix = true, fetch = true, search = true, info = true },
  yum = { install = true, update = true, upgrade = true, groupinstall = true, localinstall = true,
          reinstall = true, ["builddep"] = true, download = true, ["distro-sync"] = true, module = true },
  zypper = { install = true, ["in"] = true, update = true, up = true, dup = true,
             ["dist-upgrade"] = true, ["source-install"] = true, si = true },
}
USE.dnf, USE.microdnf, USE.tdnf = USE.yum, USE.yum, USE.yum

-- Programs that install through the package manager, or whose contents cannot be seen
-- from here (a script may well install what the update was for).
local OPAQUE = { ["apt-cache"] = true, eatmydata = true, install_packages = true,
  ["apt-install"] = true, ["mk-build-deps"] = true, make = true, ["ansible-playbook"] = true,
  sh = true, bash = true, dash = true, ash = true, zsh = true }

local function verb(c)
  local a = c:args()
  return a[1]
end

local function uses_index(c)
  local n = c.name or ""
  if USE[n] and USE[n][verb(c) or ""] then return true end
  if OPAQUE[n] then return true end
  if n:find("%.sh$") or n:find("^%$") then return true end
  local w = c.argv and c.argv[1] or ""
  if w:find("^%./") or w:find("^%.%./") then return true end
  return false
end

return {
  title    = "Package index updated without an install in the same RUN",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DS-0017", "AVD-DS-0017", "CIS-DI-0007", "CKV_DOCKER_5",
               "9bae49be-0aa3-4de5-bab2-4c3a069e40cd", "CIS-4.7" },
  help     = [[
`RUN apt-get update` on its own line is cached as a layer. The next build reuses that
layer, so an `apt-get install` in a later `RUN` reads an index that may be weeks old:
it installs outdated packages or fails when the mirror has dropped them. Refresh the
index and install in the same `RUN` (and remove the lists there too).

Flagged: `apt-get`/`apt`/`aptitude update`, `apk update`, `yum`/`dnf`/`microdnf`/`tdnf
makecache` and `zypper refresh`, in a `RUN` with no command that uses the index
(an install, upgrade, `apt-cache`, or a script whose contents cannot be seen). Not
flagged: a `RUN` whose index directory is a cache or tmpfs mount. `yum update` is an
upgrade of every package, not an index refresh, and is not flagged (trivy's DS-0017
flags it).
]],
  check = function(df, report)
    for ins in df:each("run") do
      local refreshes, used = {}, false
      commands.each(ins, function(c)
        local r = REFRESH[c.name or ""]
        if r and r.verbs[verb(c) or ""] then
          if not pkg.mounted(ins, r.dirs) then refreshes[#refreshes + 1] = c end
        elseif uses_index(c) then
          used = true
        end
      end)
      if not used and refreshes[1] then
        local c = refreshes[1]
        report { message = c.name .. " " .. verb(c) .. " without an install in the same RUN; the index layer goes stale", at = c }
      end
    end
  end,
}
