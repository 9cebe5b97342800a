-- image-env-secret: every Env entry of an image is readable by anyone who can pull it.
local function is_reference(v)
  return v:match("^%$[%w_]+$") ~= nil or v:match("^%${[^}]*}$") ~= nil
      or v:match("^{{.*}}$") ~= nil or v:match("^<[^>]*>$") ~= nil
end

local function is_harmless(v)
  local l = v:lower()
  -- stand-ins such as "changeme" or "<your token>" (pl.is_placeholder) are not leaks
  if pl.is_placeholder and pl.is_placeholder(v) then return true end
  return l == "" or l == "true" or l == "false" or l == "yes" or l == "no"
      or l == "none" or l == "null" or l == "on" or l == "off"
      or v:match("^%d+$") ~= nil or v:match("^/[%w%._/%-]*$") ~= nil
end

local function is_public_name(name)
  local u = name:upper()
  return u:match("^GPG_KEYS?$") ~= nil or u:find("PUBLIC", 1, true) ~= nil
      or u:match("_KEY_?ID$") ~= nil or u:match("_FINGERPRINTS?$") ~= nil
      or u:match("KEYSERVER") ~= nil or u:match("KEYRING") ~= nil
end

-- A description of the secret in KEY=VALUE, or nil.
local function secret(key, value)
  if key == nil or value == nil or is_reference(value) then return nil end
  local shape = pl.secret_value(value)
  if shape then return "what looks like " .. shape end
  if pl.secret_name(key) and not is_public_name(key) and not is_harmless(value) then
    return "a literal value"
  end
  return nil
end

return {
  title    = "Secret in the image environment",
  severity = "high",
  input    = "image",
  aliases  = { "CIS-DI-0010", "DS-0031", "AVD-DS-0031", "a88baa34-e2ad-44ea-ad6f-8cac87bc7c71",
               "CIS-4.10" },
  help     = [[
`Env` in an image configuration is public to anyone who can pull the image (`docker
inspect` shows it). A password, token or key there is leaked. Flagged: an entry whose
name looks like a secret (`DB_PASSWORD`, `API_TOKEN`, ...) with a literal value, and any
value shaped like a known credential. Entries of the legacy `container_config.Env` are
checked too, unless they repeat the effective `Env`.

Rebuild without the `ENV`, and pass the secret when the container starts (an orchestrator
secret, a mounted file, `--env-file` kept out of the image).
]],
  check = function(doc, report)
    local seen = {}
    for _, e in ipairs(doc.env_list or {}) do
      seen[(e.key or "") .. "=" .. (e.value or "")] = true
      local what = secret(e.key, e.value)
      if what then
        report { message = "Env " .. e.key .. " holds " .. what, at = e }
      end
    end
    for _, e in ipairs(doc.legacy_env or {}) do
      if not seen[(e.key or "") .. "=" .. (e.value or "")] then
        local what = secret(e.key, e.value)
        if what then
          report { message = "container_config Env " .. e.key .. " holds " .. what, at = e }
        end
      end
    end
  end,
}
