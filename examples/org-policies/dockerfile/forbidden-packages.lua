-- forbidden-packages: packages ACME does not allow in images (lib/acme/packages.lua),
-- whichever package manager installs them.
local packages = require("acme.packages")

return {
  title    = "Forbidden package installed",
  severity = "high",
  input    = "dockerfile",
  preset   = "default",
  aliases  = {},
  help     = [[
Some packages have no place in a production image: remote shells, network scanners,
unmaintained or compromised libraries. The list, with the reason for each, is in
`lib/acme/packages.lua`; it covers apt-get, apt, apk, yum, dnf, pip and npm installs.

Remove the package, or ask the platform team for an exception with a reason.
]],
  check = function(df, report)
    for manager, subs in pairs(packages.installers) do
      for _, cmd in df:commands(manager) do
        local args = cmd:args()
        if subs[args[1]] then
          for i = 2, #args do
            local name = packages.package_name(args[i])
            local why = packages.forbidden[name]
            if why then
              report {
                message = manager .. " installs " .. name .. ", which is forbidden: " .. why,
                at = cmd,
              }
            end
          end
        end
      end
    end
  end,
}
