-- expose-protocol-casing: EXPOSE 80/TCP is accepted but not canonical.
return {
  title    = "EXPOSE protocol not lowercase",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "ExposeProtoCasing" },
  help     = [[
The protocol of an `EXPOSE` port is `tcp`, `udp` or `sctp`, in lowercase. BuildKit
warns about other casings; tools that read the image configuration may compare the
port key (`80/tcp`) literally.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "expose" then
        for word in (ins.expanded or ins.value or ""):gmatch("%S+") do
          local proto = word:match("/(%a+)$")
          if proto and proto ~= proto:lower() then
            report { message = "EXPOSE " .. word .. ": write the protocol as " .. proto:lower(), at = ins }
          end
        end
      end
    end
  end,
}
