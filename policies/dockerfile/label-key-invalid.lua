-- label-key-invalid: label keys outside Docker's key format, or in a namespace Docker
-- reserves, collide with other tools' labels or are silently misread by them.
local RESERVED = { "com.docker.", "io.docker.", "org.dockerproject." }
-- Keys that other tools read exactly as spelled, so renaming them would break those
-- tools: the Project Atomic / Red Hat container labels (`atomic run` reads RUN).
local ALLOWED = { "RUN", "INSTALL", "UNINSTALL", "Name", "Version", "Release", "Vendor",
                  "Architecture", "Summary", "Description", "BZComponent",
                  "Authoritative_Registry", "com.redhat.license_terms" }

-- Why a key breaks Docker's recommended format, or nil when it is fine.
local function problem(key)
  for _, ns in ipairs(RESERVED) do
    if key:sub(1, #ns) == ns then return "uses the namespace " .. ns .. "*, reserved by Docker" end
  end
  if key:find("[^a-z0-9.%-]") then
    return "has characters other than lowercase letters, digits, '.' and '-'"
  end
  if not key:match("^[a-z]") or not key:match("[a-z0-9]$") then
    return "must start with a lowercase letter and end with a letter or digit"
  end
  if key:find("..", 1, true) or key:find("--", 1, true) then
    return "has consecutive separators"
  end
  return nil
end

return {
  title    = "Label key not in Docker's key format",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3048" },
  params   = {
    allowed = {
      type = "list",
      default = ALLOWED,
      description = "keys accepted as they are because tools read them so (by default the Project Atomic / Red Hat labels)",
    },
  },
  help     = [[
Docker's guidance for label keys: lowercase letters, digits, `.` and `-`; start with a
letter and end with a letter or digit; no `..` or `--`; reverse-DNS prefixes for your
own labels (`com.example.team`); and the namespaces `com.docker.*`, `io.docker.*` and
`org.dockerproject.*` are reserved for Docker. Tools that read labels (registries,
orchestrators, `docker/metadata-action`, the OCI `org.opencontainers.image.*` keys)
match keys exactly, so `Version` or `org.opencontainers.image.Source` is a label nobody
reads. Keys with a variable are not judged, nor the keys of the parameter `allowed`:
by default the Project Atomic / Red Hat container labels (`RUN`, `INSTALL`, `Name`,
`Vendor`, `com.redhat.license_terms`, ...), which their tools read as spelled.
]],
  check = function(df, report, params)
    local allowed = {}
    for _, k in ipairs(params.allowed) do allowed[k] = true end
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "label" then
        for _, p in ipairs(ins.pairs or {}) do
          local key = p.key
          if type(key) == "string" and key ~= "" and not key:find("$", 1, true) and not allowed[key] then
            local why = problem(key)
            if why then
              report { message = "label key " .. key .. " " .. why, at = ins }
            end
          end
        end
      end
    end
  end,
}
