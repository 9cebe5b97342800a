-- expose-ssh-port: an image that exposes port 22 runs (or invites) an SSH daemon.
return {
  title    = "Port 22 (SSH) exposed",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DS-0004", "AVD-DS-0004", "CKV_DOCKER_1", "5907595b-5b6d-4142-b173-dbb0e73fbff8" },
  help     = [[
`EXPOSE 22` means the container runs an SSH server: another long-running daemon, host
keys baked into the image (the same for every container), and a password or key store
to manage. Use `docker exec` / `kubectl exec` to get a shell, and remove the daemon.

Only the final stage (and the stages it is built `FROM`, since `EXPOSE` is inherited)
is checked; ranges that include 22 (`20-30`) count; values from an undecidable variable
do not.
]],
  check = function(df, report)
    local ships, stage, guard = {}, df.final, 0
    while stage and guard < 1000 do
      ships[stage.index] = true
      local b = stage.base_stage
      if not (b and b > 0 and b < stage.index) then break end
      stage = df.stages[b]
      guard = guard + 1
    end
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "expose" and ships[ins.stage] then
        for word in (ins.expanded or ""):gmatch("%S+") do
          local ports, proto = word:match("^([^/]+)/?(%a*)$")
          if ports and (proto == "" or proto:lower() == "tcp") then
            local lo, hi = ports:match("^(%d+)%-(%d+)$")
            lo, hi = tonumber(lo or ports), tonumber(hi or ports)
            if lo and hi and lo <= 22 and 22 <= hi then
              report { message = "EXPOSE " .. word .. " exposes SSH (port 22)", at = ins }
              break
            end
          end
        end
      end
    end
  end,
}
