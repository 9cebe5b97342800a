-- volume-sensitive: VOLUME on a system directory, the Dockerfile side of
-- image-volume-sensitive.
local stages = require("plimsoll.stages")
local sysdirs = require("plimsoll.sysdirs")

local function paths(ins)
  if ins.exec then return ins.exec end
  if ins.expanded == nil then return {} end
  return pl.split(ins.expanded)
end

return {
  title    = "VOLUME on a system directory",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DKL-DI-0002" },
  help     = [[
`VOLUME` records a volume in the image configuration, mounted whenever a container
starts. On `/proc`, `/sys`, `/dev` or `/boot` it sits on the kernel's own file systems;
on `/`, `/etc`, `/usr`, `/bin` or `/lib` it puts the system's files in a volume that
outlives the image; `/var/run/docker.sock` is where the Docker socket, root on the host,
gets mounted. Declare volumes for application data only.

Checked in the final stage and the stages it is built `FROM` (a `VOLUME` is inherited).
Subdirectories such as `/etc/app` or `/usr/share/nginx/html` are not flagged.
]],
  check = function(df, report)
    local shipped = stages.shipped(df)
    for ins in df:each("volume") do
      if shipped[ins.stage] then
        for _, v in ipairs(paths(ins)) do
          local p = sysdirs.normal(v)
          if p and sysdirs.sensitive(p) then
            report { message = "VOLUME " .. p .. " is on a system directory; declare volumes for application data only", at = ins }
          end
        end
      end
    end
  end,
}
