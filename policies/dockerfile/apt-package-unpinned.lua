-- apt-package-unpinned: apt-get install of a package without =version installs
-- whatever the archive holds on the day of the build.
local commands = require("plimsoll.commands")

local function unpinned(cmd)
  if cmd:flag_value("-t", "--target-release") then return {} end
  local out, seen_install = {}, false
  for _, w in ipairs(cmd:args()) do
    if not seen_install then
      seen_install = (w == "install")
    elseif not commands.is_variable(w) and not w:find("=", 1, true)
        and not w:find("/", 1, true) and not w:match("%.deb$") then
      out[#out + 1] = w
    end
  end
  return out
end

return {
  title    = "apt package installed without a pinned version",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3008", "965a08d7-ef86-4f14-8792-4a3b2098937e" },
  help     = [[
`apt-get install curl` installs the version the archive has today, so two builds of the
same commit can differ. Pin `name=version` when you need reproducible images.

This rule is in the `strict` preset: Debian and Ubuntu archives drop superseded
versions, so pinned installs break when the base image's snapshot moves on, and pinning
a package does not pin its dependencies. Teams that rebuild often usually prefer a
pinned base image (by digest) and unpinned packages.

Not flagged: `name=version`, `name/release` or `-t release` (a chosen release, as
hadolint accepts), local `.deb` files, and words that come from a variable.
]],
  check = function(df, report)
    for _, tool in ipairs { "apt-get", "apt" } do
      for cmd in df:commands(tool, "install") do
        local list = unpinned(cmd)
        if #list > 0 then
          report { message = tool .. " install without a version for " .. table.concat(list, ", ")
                             .. " (pin with name=version)", at = cmd }
        end
      end
    end
  end,
}
