-- secret-in-env-arg: an ENV or ARG that carries a credential bakes it into the image
-- (ENV) or its build history (ARG default, and every RUN that sees the ARG).
local function is_reference(raw)
  if raw == nil then return false end
  local v = raw:gsub("^[\"']", ""):gsub("[\"']$", "")
  return v:match("^%$[%w_]+$") ~= nil or v:match("^%${[^}]*}$") ~= nil
      or v:match("^{{.*}}$") ~= nil or v:match("^<[^>]*>$") ~= nil
end

-- Values that cannot be a credential, whatever the name says.
local function is_harmless(v)
  local l = v:lower()
  -- stand-ins such as "changeme" or "<your token>" (pl.is_placeholder) are not leaks
  if pl.is_placeholder and pl.is_placeholder(v) then return true end
  return l == "" or l == "true" or l == "false" or l == "yes" or l == "no"
      or l == "none" or l == "null" or l == "on" or l == "off"
      or v:match("^%d+$") ~= nil                 -- TOKEN_TTL=3600
      or v:match("^/[%w%._/%-]*$") ~= nil        -- a path: SECRET_DIR=/run/secrets
end

-- Names that look secret but hold public material: release signing keys, key ids.
local function is_public_name(name)
  local u = name:upper()
  return u:match("^GPG_KEYS?$") ~= nil or u:find("PUBLIC", 1, true) ~= nil
      or u:match("_KEY_?ID$") ~= nil or u:match("_FINGERPRINTS?$") ~= nil
      or u:match("KEYSERVER") ~= nil or u:match("KEYRING") ~= nil
end

return {
  title    = "Secret in ENV or ARG",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL3064", "SecretsUsedInArgOrEnv", "DS-0031", "AVD-DS-0031",
               "a88baa34-e2ad-44ea-ad6f-8cac87bc7c71", "CIS-4.10" },
  help     = [[
`ENV` values are stored in the image configuration, readable by anyone who can pull the
image. `ARG` defaults, and any build argument a `RUN` uses, are recorded in the image
history. Neither is a place for passwords, tokens or keys.

Flagged: an `ENV` or `ARG` whose name looks like a secret (`PASSWORD`, `TOKEN`, `SECRET`,
`API_KEY`, ...) with a literal, non-empty value, and any value that has the shape of a
known credential (an AWS key, a GitHub token, ...) whatever its name. Not flagged: an
`ARG` without a default, values that are only a variable reference (`${DB_PASSWORD}`),
booleans, numbers and paths, names such as `*_FILE`, `*_PATH`, `GPG_KEY`, `*_KEY_ID`.

Use a build secret for build-time credentials and inject runtime secrets when the
container starts.
]],
  check = function(df, report)
    local function scan(list)
      for _, pair in ipairs(list or {}) do
        local key, value = pair.key, pair.value
        if key and value and not is_reference(pair.raw_value) then
          local shape = pl.secret_value(value)
          if shape then
            report { message = key .. " holds what looks like " .. shape, at = pair }
          elseif pl.secret_name(key) and not is_public_name(key) and not is_harmless(value) then
            report { message = key .. " is set to a literal value; pass secrets at build or run time instead",
                     at = pair }
          end
        end
      end
    end
    -- global ARGs are instructions too (stage 0), so one pass covers them
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "env" or ins.cmd == "arg" then scan(ins.pairs) end
    end
  end,
}
