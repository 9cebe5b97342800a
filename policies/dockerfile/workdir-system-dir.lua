-- workdir-system-dir: a WORKDIR inside the system's own directories makes every relative
-- COPY and every file the program writes land among the operating system's files.
local sysdirs = require("plimsoll.sysdirs")

local function normal(p)
  p = p:gsub("/+", "/")
  if #p > 1 then p = p:gsub("/$", "") end
  return p
end

return {
  title    = "WORKDIR is a system directory",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DS-0030", "AVD-DS-0030" },
  help     = [[
With `WORKDIR /usr` or `WORKDIR /proc/x`, every relative `COPY`, `ADD` and file the
program writes goes into the operating system's own directories, where it can shadow
or replace system files, and where kernel file systems (`/proc`, `/sys`, `/dev`) are
mounted over it at run time. Work in a directory of your own (`/app`, `/srv/app`,
`/usr/src/app`).

Flagged: a `WORKDIR` equal to `/bin`, `/sbin`, `/lib*`, `/usr`, `/usr/bin`, `/usr/sbin`,
`/usr/lib*`, `/etc`, `/var` or `/run`, or anywhere under `/proc`, `/sys`, `/dev`, `/boot`,
`/initrd` or `/lost+found`. Not flagged: `/` (the default, which `WORKDIR /` only
restores), subdirectories such as `/etc/nginx` or `/usr/local/bin`, and paths whose value
cannot be decided.
]],
  check = function(df, report)
    for ins in df:each("workdir") do
      local p = ins.expanded
      if p ~= nil and not p:find("$", 1, true) then
        p = normal(pl.unquote(pl.trim(p)))
        if sysdirs.workdir_system(p) then
          report { message = "WORKDIR " .. p .. " is a system directory; work in a directory of your own such as /app", at = ins }
        end
      end
    end
  end,
}
