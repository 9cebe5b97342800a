-- plain-http-download: what a RUN downloads over http:// can be replaced by anyone on
-- the network path between the builder and the server.
local commands = require("plimsoll.commands")

local DOWNLOADERS = { curl = true, wget = true }
local VERIFIERS = { sha1sum = true, sha224sum = true, sha256sum = true, sha384sum = true,
  sha512sum = true, shasum = true, md5sum = true, b2sum = true, gpgv = true, cosign = true,
  minisign = true, signify = true }
local INTERNAL_SUFFIXES = { ".local", ".localdomain", ".internal", ".lan", ".home.arpa",
  ".svc", ".cluster.local", ".corp", ".intranet", ".test", ".example", ".invalid" }

-- Hosts on the builder's own machine or network, where there is no path to attack.
local function internal(host)
  host = host:lower()
  if host == "localhost" or host == "[::1]" or host:find("^127%.") or host == "0.0.0.0"
      or host:find("^10%.") or host:find("^192%.168%.") or host:find("^169%.254%.") then
    return true
  end
  local b = host:match("^172%.(%d+)%.")
  if b and tonumber(b) >= 16 and tonumber(b) <= 31 then return true end
  if not host:find(".", 1, true) then return true end   -- a service name (http://nexus:8081)
  for _, s in ipairs(INTERNAL_SUFFIXES) do
    if host == s:sub(2) or pl.endswith(host, s) then return true end
  end
  return false
end

-- The host of a plain-http URL worth reporting, or nil.
local function plain_host(w)
  local rest = w:match("^[Hh][Tt][Tt][Pp]://(.*)$")
  if not rest then return nil end
  local authority = rest:match("^([^/?#]*)") or ""
  local host = authority:gsub("^.*@", ""):gsub(":%d*$", "")
  if host == "" or host:find("[%${}]") or internal(host) then return nil end
  return host
end

local function verifies(ins)
  local found = false
  commands.each(ins, function(c)
    if VERIFIERS[c.name] or (c.name == "gpg" and c:has_flag("--verify")) then found = true end
  end)
  return found
end

return {
  title    = "Download over plain HTTP",
  severity = "medium",
  input    = "dockerfile",
  aliases  = {},
  help     = [[
`curl http://...` and `wget http://...` fetch without TLS: anyone between the builder and
the server (a Wi-Fi network, a proxy, a compromised router) can substitute what is
downloaded, and the build runs or installs it. Use `https://`, or verify what you
downloaded against a checksum or signature in the same `RUN`.

Not flagged: a `RUN` that verifies (`sha256sum -c`, `gpg --verify`, `gpgv`, `cosign`,
...), hosts on the builder's own machine or network (`localhost`, private addresses,
names without a dot such as `http://nexus:8081`, `*.local`, `*.internal`, `*.svc`), and
hosts from a variable. `ADD http://...` is left to `add-remote-url`, which asks for
`--checksum` on every remote `ADD`; with a checksum, http is safe.
]],
  check = function(df, report)
    for ins in df:each("run") do
      local hits = {}
      commands.each(ins, function(c)
        if DOWNLOADERS[c.name] then
          for i = 2, #(c.argv or {}) do
            local host = plain_host(c.argv[i])
            if host then hits[#hits + 1] = { cmd = c, host = host, url = c.argv[i] }; break end
          end
        end
      end)
      if hits[1] and not verifies(ins) then
        for _, h in ipairs(hits) do
          report { message = h.cmd.name .. " downloads " .. h.url .. " over plain HTTP; use https:// or verify a checksum", at = h.cmd }
        end
      end
    end
  end,
}
