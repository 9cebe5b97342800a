-- zypper-package-unpinned: zypper install of a package without a version installs
-- whatever the repositories hold on the day of the build.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

local VALUE_FLAGS = { "-r", "--repo", "--root", "-t", "--type", "--from", "-R",
  "--reposd-dir", "-C", "--cache-dir", "-D", "--installroot" }

return {
  title    = "zypper package installed without a version",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3037", "562952e4-0348-4dea-9826-44f3a2c6117b" },
  help     = [[
`zypper install -y curl` installs the version the repositories have today, so two
builds of the same commit can differ. Pin `name=version` (or `name>=version`) when you
need reproducible images. In the `strict` preset for the same reason as the apt and
dnf pinning rules: repositories drop superseded versions.

Not flagged: `name=1.2`, `name>=1.2`, `.rpm` files and URLs, patterns and other
`-t` types, and words that come from a variable.
]],
  check = function(df, report)
    for cmd in df:commands("zypper") do
      local pos = cmd:args(VALUE_FLAGS)
      if (pos[1] == "install" or pos[1] == "in") and not cmd:flag_value("-t", "--type") then
        local list = {}
        for i = 2, #pos do
          local w = pos[i]
          if not commands.is_variable(w) and not w:find("[=<>]") and not w:match("%.rpm$")
              and not pkg.is_path_or_url(w) then
            list[#list + 1] = w
          end
        end
        if #list > 0 then
          report { message = "zypper install without a version for " .. table.concat(list, ", ")
                             .. " (pin with name=version)", at = cmd }
        end
      end
    end
  end,
}
