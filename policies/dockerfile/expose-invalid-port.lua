-- expose-invalid-port: EXPOSE of something that is not a port (or a range of them).
local function valid_port(s)
  local n = tonumber(s)
  return s:match("^%d+$") ~= nil and n ~= nil and n >= 0 and n <= 65535
end

return {
  title    = "EXPOSE port out of range",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3011", "ExposeInvalidFormat", "DS-0008", "AVD-DS-0008", "71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e" },
  help     = [[
`EXPOSE` takes ports from 0 to 65535, optionally a range (`8000-8010`) and a protocol
(`/tcp`, `/udp`). Anything else is a typo that documents a port nobody can use. A host
address or host-port mapping (`EXPOSE 127.0.0.1:80:80`, `EXPOSE 8080:80`) belongs to
`docker run -p`, not to the image; BuildKit's `ExposeInvalidFormat` check warns that it
will become an error. Values that come from a variable that cannot be decided are not
checked.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "expose" then
        local text = ins.expanded or ins.value or ""
        for word in text:gmatch("%S+") do
          if not word:find("$", 1, true) then
            local ports = word:gsub("/%a+$", "")
            local lo, hi = ports:match("^(%d+)%-(%d+)$")
            local ok
            if lo then
              ok = valid_port(lo) and valid_port(hi) and tonumber(lo) <= tonumber(hi)
            else
              ok = valid_port(ports)
            end
            if not ok then
              report { message = "EXPOSE " .. word .. " is not a valid port (0-65535)", at = ins }
            end
          end
        end
      end
    end
  end,
}
