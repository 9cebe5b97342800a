-- forbidden-packages: packages ACME does not allow in images (lib/acme/packages.lua),
-- whichever package manager installs them. It reads the Dockerfile the way the built-in
-- rules do, through plimsoll's standard library (docs/stdlib.md).
local packages = require("acme.packages")
local stages = require("plimsoll.stages")       -- which stages end up in the image
local commands = require("plimsoll.commands")   -- commands seen through sudo, sh -c, ...
local pkg = require("plimsoll.pkg")             -- `python -m pip` is pip too

return {
  title    = "Forbidden package installed",
  severity = "high",
  input    = "dockerfile",
  preset   = "default",
  aliases  = {},
  help     = [[
Some packages have no place in a production image: remote shells, network scanners,
unmaintained or compromised libraries. The list, with the reason for each, is in
`lib/acme/packages.lua`; it covers apt-get, apt, apk, yum, dnf, pip (also as
`python -m pip`) and npm installs, seen through `sudo` and `sh -c`. Only stages that end
up in the image count: a builder stage whose files are merely copied out ships none of
its packages.

Remove the package, or ask the platform team for an exception with a reason.
]],
  check = function(df, report)
    -- a builder stage whose files are only COPYed out ships none of its packages
    local shipped = stages.shipped(df)
    for _, ins in df:each("run") do
      if shipped[ins.stage] then
        for _, cmd in ipairs(commands.all(ins)) do
          local manager, args = cmd.name, cmd:args()
          local pip = pkg.pip_argv(cmd)
          if pip and cmd.name ~= "pip" and cmd.name ~= "pip3" then
            manager, args = "pip", commands.positional(pip, { "-r", "--requirement", "-c",
              "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target" })
          end
          local subs = packages.installers[manager]
          if subs and subs[args[1]] then
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
    end
  end,
}
