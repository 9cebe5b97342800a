-- package-signature-disabled: a package manager told to skip signature checks installs
-- whatever the mirror (or whoever sits in front of it) serves.
local commands = require("plimsoll.commands")

local RPM_TOOLS = { yum = true, dnf = true, tdnf = true, microdnf = true, zypper = true }

local function disabled_by(cmd)
  local name, argv = cmd.name, cmd.argv or {}
  if name == "apk" and cmd:has_flag("--allow-untrusted") then return "apk --allow-untrusted" end
  if name == "apt-get" or name == "apt" or name == "aptitude" then
    if cmd:has_flag("--allow-unauthenticated") then return name .. " --allow-unauthenticated" end
    if cmd:has_flag("--force-yes") then return name .. " --force-yes" end
    for i = 2, #argv do
      local l = argv[i]:lower()
      if l:find("allowunauthenticated=", 1, true) and (l:find("=true") or l:find("=1") or l:find("=yes")) then
        return name .. " -o APT::Get::AllowUnauthenticated=true"
      end
    end
  end
  if RPM_TOOLS[name] then
    if cmd:has_flag("--nogpgcheck", "--no-gpg-checks") then return name .. " without GPG checks" end
    for i = 2, #argv do
      local v = argv[i]:lower():match("gpgcheck=(%w+)$")
      if v == "0" or v == "false" or v == "no" then return name .. " gpgcheck=" .. v end
    end
  end
  if name == "rpm" and cmd:has_flag("--nodigest", "--nosignature", "--noverify", "--nofiledigest") then
    return "rpm without digest or signature checks"
  end
  if (name == "gem") and cmd:has_flag("-P", "--trust-policy") then
    local v = cmd:flag_value("-P", "--trust-policy")
    if v == "NoSecurity" then return "gem --trust-policy NoSecurity" end
  end
  return nil
end

return {
  title    = "Package signature verification disabled",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11",
               "CIS-4.11" },
  help     = [[
Package managers verify each package's signature against the distribution's keys; that
is what makes a mirror, a proxy or a CDN unable to slip in a modified package.
`apk --allow-untrusted`, `apt-get --allow-unauthenticated` (and `--force-yes`, which
implies it), `yum`/`dnf`/`tdnf`/`microdnf --nogpgcheck` or `--setopt=gpgcheck=0`,
`zypper --no-gpg-checks` and `rpm --nosignature`/`--nodigest`/`--noverify` turn that off.

Import the repository's key instead (`rpm --import`, a `signed-by=` keyring for apt,
`/etc/apk/keys/` for apk). Flagged in every stage, seen through `sudo` and `sh -c`.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" then
        local seen = {}
        commands.each(ins, function(c, outer)
          local what = disabled_by(c)
          if what and not seen[outer] then
            seen[outer] = true
            report { message = what .. " installs packages without verifying their signatures", at = outer }
          end
        end)
      end
    end
  end,
}
