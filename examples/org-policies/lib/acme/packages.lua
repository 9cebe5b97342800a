-- acme.packages: packages ACME forbids in images, and how each package manager's
-- install command names them. Used by forbidden-packages.
local M = {}

-- package name -> why it is forbidden (shown in the finding)
M.forbidden = {
  telnet = "cleartext remote shell",
  ["netcat"] = "network tool used for reverse shells",
  ["netcat-openbsd"] = "network tool used for reverse shells",
  ["netcat-traditional"] = "network tool used for reverse shells",
  nmap = "network scanner",
  ["openssh-server"] = "containers are not logged into; use docker exec",
  pycrypto = "unmaintained, with known vulnerabilities; use cryptography",
  ["event-stream"] = "compromised npm package",
}

-- manager -> the subcommands that install packages
M.installers = {
  ["apt-get"] = { install = true },
  apt = { install = true },
  apk = { add = true },
  yum = { install = true },
  dnf = { install = true },
  pip = { install = true },
  pip3 = { install = true },
  npm = { install = true, i = true, add = true },
}

-- The package a command-line word names: without a version or a constraint
-- (requests==2.0, curl=7.88-1, lodash@4, "pycrypto>=2"), lowercased.
function M.package_name(word)
  local name = word
  if name:sub(1, 1) == "@" then            -- npm scoped package: @scope/name@version
    name = name:match("^(@[^@]+)") or name
  else
    name = name:match("^([^=<>!~@%[;]+)") or name
  end
  return name:lower()
end

return M
