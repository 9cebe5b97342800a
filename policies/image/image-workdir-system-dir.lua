-- image-workdir-system-dir: an image whose working directory is one of the system's own
-- directories runs its program, and writes its files, among the operating system's.
local sysdirs = require("plimsoll.sysdirs")

return {
  title    = "Image working directory is a system directory",
  severity = "low",
  input    = "image",
  aliases  = { "DS-0030", "AVD-DS-0030" },
  help     = [[
The image's `WorkingDir` is where the program starts and where relative paths it writes
land. A system directory (`/usr`, `/etc`, `/var`, `/bin`, ...) mixes the application's
files with the operating system's; anything under `/proc`, `/sys` or `/dev` is covered by
kernel file systems when the container runs. This is the image-config form of
`workdir-system-dir` (for images built elsewhere, or with `docker commit`).

Flagged: exactly `/bin`, `/sbin`, `/lib*`, `/usr`, `/usr/bin`, `/usr/sbin`, `/usr/lib*`,
`/etc`, `/var`, `/run`, or anything under `/proc`, `/sys`, `/dev`, `/boot`, `/initrd`,
`/lost+found`. Not flagged: `/` or no working directory (the default), and ordinary
subdirectories such as `/usr/src/app` or `/var/www/html`.

Before (`docker inspect`): `"WorkingDir": "/usr"`. After: `"WorkingDir": "/usr/src/app"`
(`WORKDIR /usr/src/app` in the Dockerfile).
]],
  check = function(doc, report)
    local wd = doc.working_dir
    if wd == nil or type(wd.value) ~= "string" then return end
    local p = sysdirs.normal(wd.value)
    if p and sysdirs.workdir_system(p) then
      report { message = "the working directory " .. p .. " is a system directory; use one of your own such as /app",
               at = wd }
    end
  end,
}
