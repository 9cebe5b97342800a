-- rpm-package-unpinned: yum/dnf install of a package without a version installs
-- whatever the repositories hold on the day of the build.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

local TOOLS = { yum = true, dnf = true, microdnf = true, tdnf = true }
local VALUE_FLAGS = { "-c", "--config", "--installroot", "--releasever", "-d", "-e",
  "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid",
  "--forcearch", "--nodocs-x" }

local function pinned(w)
  -- name-1.2.3, name-1.2-3.el9, a module stream name:18, a group @x, an rpm file
  return w:match("^.+%-%d") ~= nil or w:find(":", 1, true) ~= nil
      or w:sub(1, 1) == "@" or w:match("%.rpm$") ~= nil or pkg.is_path_or_url(w)
      or w:find("[<>=]") ~= nil
end

return {
  title    = "yum/dnf package installed without a version",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3033", "DL3041", "6452c424-1d92-4deb-bb18-a03e95d579c4",
               "93d88cf7-f078-46a8-8ddc-178e03aeacf1" },
  help     = [[
`dnf install -y httpd` installs the version the repositories have today, so two builds
of the same commit can differ. Pin `name-version` when you need reproducible images.

This rule is in the `strict` preset: distribution repositories drop superseded
versions, so exact pins break when the base image moves on. A pinned base image (by
digest) is usually the better first step.

Not flagged: `name-1.2.3`, `name-1.2.3-1.el9`, module streams (`nodejs:20`), groups
(`@development`), `.rpm` files and URLs, words that come from a variable; `groupinstall`
and `module` commands.
]],
  check = function(df, report)
    for cmd in df:commands() do
      if TOOLS[cmd.name] then
        local pos = cmd:args(VALUE_FLAGS)
        if pos[1] == "install" then
          local list = {}
          for i = 2, #pos do
            local w = pos[i]
            if not commands.is_variable(w) and not pinned(w) then list[#list + 1] = w end
          end
          if #list > 0 then
            report { message = cmd.name .. " install without a version for " .. table.concat(list, ", ")
                               .. " (pin with name-version)", at = cmd }
          end
        end
      end
    end
  end,
}
