-- plimsoll.sysdirs: the operating system's own directories, for the rules about volumes and
-- working directories placed on them.
local M = {}

-- Kernel, device and boot file systems: anything at or under them.
M.UNDER = { "/proc", "/sys", "/dev", "/boot" }
-- Directories of the system itself (their subdirectories are ordinary places), and the
-- Docker daemon's socket.
M.EXACT = {
  ["/"] = true, ["/bin"] = true, ["/sbin"] = true, ["/lib"] = true, ["/lib32"] = true,
  ["/lib64"] = true, ["/usr"] = true, ["/usr/bin"] = true, ["/usr/sbin"] = true,
  ["/usr/lib"] = true, ["/usr/lib64"] = true, ["/etc"] = true,
  ["/var/run/docker.sock"] = true, ["/run/docker.sock"] = true,
}

-- "/a//b/" -> "/a/b"; nil for a relative path or one holding a variable.
function M.normal(p)
  if type(p) ~= "string" then return nil end
  p = p:gsub('^"(.*)"$', "%1"):gsub("^'(.*)'$", "%1")
  if not p:find("^/") or p:find("$", 1, true) then return nil end
  p = p:gsub("/+", "/")
  if #p > 1 then p = p:gsub("/$", "") end
  return p
end

function M.sensitive(p)
  if M.EXACT[p] then return true end
  for _, d in ipairs(M.UNDER) do
    if p == d or p:sub(1, #d + 1) == d .. "/" then return true end
  end
  return false
end

-- For working directories: kernel and boot file systems (anything under them), and the
-- system's own directories exactly (their subdirectories, /etc/nginx or /usr/src/app,
-- are ordinary places to work in). `/` is the default and not among them.
M.WORKDIR_UNDER = { "/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found" }
M.WORKDIR_EXACT = {
  ["/bin"] = true, ["/sbin"] = true, ["/lib"] = true, ["/lib32"] = true, ["/lib64"] = true,
  ["/libx32"] = true, ["/usr"] = true, ["/usr/bin"] = true, ["/usr/sbin"] = true,
  ["/usr/lib"] = true, ["/usr/lib64"] = true, ["/etc"] = true, ["/var"] = true, ["/run"] = true,
}

function M.workdir_system(p)
  if M.WORKDIR_EXACT[p] then return true end
  for _, d in ipairs(M.WORKDIR_UNDER) do
    if p == d or p:sub(1, #d + 1) == d .. "/" then return true end
  end
  return false
end

return M
