-- apk-package-unpinned: apk add of a package without a version installs whatever the
-- Alpine repository holds on the day of the build.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

local function pinned(w)
  return w:find("[=~<>]") ~= nil
end

return {
  title    = "apk package added without a pinned version",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3018", "d3499f6d-1651-41bb-a9a7-de925fea487b" },
  help     = [[
`apk add curl` installs the version the repository has today, so two builds of the
same commit can differ. Pin `name=version` (or `name~version` for a version prefix)
when you need reproducible images.

This rule is in the `strict` preset: Alpine repositories keep only the current version
of each package per branch, so exact pins break when the package is updated.
`name~1.2` (any 1.2.x) is a middle ground.

Not flagged: `name=1.2.3-r0`, `name~1.2`, `name>=1.2`, local `.apk` files, the
`--virtual` name, and words that come from a variable.
]],
  check = function(df, report)
    for cmd in df:commands("apk", "add") do
      local list = {}
      local args = cmd:args()
      for i = 2, #args do
        local w = args[i]
        if not commands.is_variable(w) and not pinned(w) and not pkg.is_path_or_url(w)
            and not w:match("%.apk$") then
          list[#list + 1] = w
        end
      end
      if #list > 0 then
        report { message = "apk add without a version for " .. table.concat(list, ", ")
                           .. " (pin with name=version or name~version)", at = cmd }
      end
    end
  end,
}
