-- image-ssh-port-exposed: the image config declares port 22.
return {
  title    = "Image exposes port 22 (SSH)",
  severity = "medium",
  input    = "image",
  aliases  = { "DS-0004", "AVD-DS-0004", "CKV_DOCKER_1", "5907595b-5b6d-4142-b173-dbb0e73fbff8" },
  help     = [[
`ExposedPorts` lists `22/tcp`: the image runs, or invites, an SSH daemon, with host keys
shared by every container. Get a shell with `docker exec` or `kubectl exec` instead, and
rebuild without `EXPOSE 22`.
]],
  check = function(doc, report)
    local ports = doc.exposed_ports
    if ports == nil then return end
    for _, p in ipairs(ports) do
      local n, proto = tostring(p):match("^(%d+)/?(%a*)$")
      if n == "22" and (proto == "" or proto == "tcp") then
        report { message = "ExposedPorts includes " .. p .. " (SSH)", at = ports }
      end
    end
  end,
}
