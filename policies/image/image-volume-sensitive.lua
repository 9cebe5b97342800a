-- image-volume-sensitive: a volume declared on a system directory invites the runtime to
-- mount a host or shared directory over the system's own files.
local sysdirs = require("plimsoll.sysdirs")

return {
  title    = "Volume on a system directory",
  severity = "medium",
  input    = "image",
  aliases  = { "DKL-DI-0002" },
  help     = [[
`Volumes` in an image configuration are mounted as volumes whenever a container starts.
A volume on `/proc`, `/sys`, `/dev` or `/boot` sits on the kernel's own file systems;
one on `/`, `/etc`, `/usr`, `/bin` or `/lib` puts the system's files in a volume that
outlives the image and that other containers may share; `/var/run/docker.sock` is the
path where the Docker socket, which is root on the host, gets mounted. Declare volumes
for application data only (`/data`, `/var/lib/app`).
]],
  check = function(doc, report)
    local vols = doc.volumes
    if vols == nil then return end
    for _, v in ipairs(vols) do
      local p = sysdirs.normal(v)
      if p and sysdirs.sensitive(p) then
        report { message = "volume " .. v .. " is on a system directory; declare volumes for application data only", at = vols }
      end
    end
  end,
}
