-- copy-sensitive-file: a COPY of a key or credentials file puts it in a layer, and
-- deleting it in a later RUN does not take it out of that layer.
local stages = require("plimsoll.stages")

-- Globs on a source's file name (or, with a "/", on its trailing path components).
local DEFAULT = {
  ".env", ".env.*",
  "id_rsa", "id_rsa_*", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
  ".ssh", ".ssh/id_*", ".aws", ".aws/credentials", ".docker/config.json", ".kube/config",
  ".git", ".git-credentials", ".netrc", ".npmrc", ".pypirc", ".pgpass", ".htpasswd",
  "*.key", "*-key.pem", "*_key.pem", "privkey.pem", "key.pem", "*.p12", "*.pfx",
  "*.jks", "*.keystore", "*.ovpn",
}

-- Example and template files are meant to be published, and public keys, signing keys
-- for repositories and trust stores hold nothing secret.
local function is_public(path)
  local l = (path:match("([^/]+)$") or path):lower()
  return l:find("example", 1, true) or l:find("sample", 1, true) or l:find("template", 1, true)
      or l:find("%.dist$") or l:find("%.tpl$") or l:find("%.defaults?$")
      or l:find("pub", 1, true) or l:find("gpg", 1, true) or l:find("%.asc$")
      or l:find("truststore", 1, true) or l:find("cacerts", 1, true)
      or l == "authorized_keys" or l == "known_hosts"
end

local function clean(p)
  p = pl.unquote(p):gsub("/+$", ""):gsub("^%./", "")
  return p
end

local function matches(path, pattern)
  if pattern:find("/", 1, true) then
    return pl.glob(pattern, path) or pl.glob("*/" .. pattern, path)
  end
  local name = path:match("([^/]+)$") or path
  return pl.glob(pattern, name)
end

return {
  title    = "Secret file copied into the image",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DS-0031", "AVD-DS-0031", "CIS-DI-0010", "CIS-4.10" },
  params   = {
    patterns = {
      type = "list",
      default = DEFAULT,
      description = "globs on a COPY/ADD source's file name (or trailing path when the glob has a /) that name secret files",
    },
  },
  help     = [[
`COPY .env .`, `COPY id_rsa /root/.ssh/` or `COPY .npmrc .` puts the file into a layer
of the image. A later `RUN rm` hides it from the final file system but not from the
layer: anyone who pulls the image can extract it (`docker save`, `dive`). The same holds
for a `.git` directory, which carries the whole history of the repository.

Checked: the sources of `COPY` and `ADD` in the final stage and the stages it is built
`FROM`; a builder stage whose files are only partly copied out does not ship its layers,
so `COPY .npmrc` there, followed by `COPY --from=build /app/dist`, is the recommended
fix, not a finding. Example files (`.env.example`, `*.sample`, `*.template`) and public
material (`*.pub`, `authorized_keys`, `known_hosts`, repository signing keys such as
`nodesource.gpg.key`, trust stores) are not flagged. Certificates (`*.pem`, `*.crt`) are public and are not in the default
list; keys are (`*.key`, `*-key.pem`, `privkey.pem`). The list is the parameter
`patterns`.

Use a build secret for what the build needs (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`),
pass runtime secrets when the container starts, and keep such files out of the context
with `.dockerignore`.
]],
  check = function(df, report, params)
    local patterns = params.patterns
    local shipped = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if (ins.cmd == "copy" or ins.cmd == "add") and shipped[ins.stage] and not ins.heredocs[1] then
        local args = ins.exec or ins.args or {}
        for i = 1, #args - 1 do
          local src = clean(args[i])
          if src ~= "" and src:sub(1, 1) ~= "$" and not src:find("://", 1, true)
              and not src:find("^git@") and not is_public(src) then
            for _, pat in ipairs(patterns) do
              if matches(src, pat) then
                report { message = ins.cmd:upper() .. " of " .. src .. " puts a secret file into a layer of the image; use a build secret or keep it out of the context", at = ins }
                goto next_source
              end
            end
          end
          ::next_source::
        end
      end
    end
  end,
}
