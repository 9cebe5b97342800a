-- credentials-in-run: a RUN that logs in, configures a registry token or clones with a
-- token, without a secret mount, records the credential in the image history or a layer.
local commands = require("plimsoll.commands")

-- Files that package managers and tools read credentials from.
local CRED_FILES = { [".npmrc"] = true, [".pypirc"] = true, [".netrc"] = true, ["_netrc"] = true,
                     [".git-credentials"] = true, [".yarnrc.yml"] = true, [".gem/credentials"] = true,
                     [".docker/config.json"] = true, [".aws/credentials"] = true, ["pip.conf"] = true,
                     ["settings.xml"] = true, [".pgpass"] = true }

local function cred_file(target)
  if not target then return nil end
  for f in pairs(CRED_FILES) do
    if target == f or target:sub(-#f - 1) == "/" .. f then return f end
  end
  return nil
end

-- https://user:pass@host or https://$TOKEN@host: a URL that carries a credential. A
-- variable counts only when the Dockerfile declares it (ARG or ENV): an undeclared one
-- is empty at build time, or comes from a file the RUN sources.
local function url_credential(w, declared)
  local info = w:match("^%a[%w+.-]*://([^/@%s]+)@")
  if not info then return false end
  local pass = info:match("^[^:]*:(.*)$")
  if pass and pass ~= "" and not pass:find("$", 1, true) then return true end
  for v in info:gmatch("%${?([%a_][%w_]*)") do
    if declared[v] then return true end
  end
  return false
end

-- Does the text written into a credentials file look like a credential?
local MARKERS = { "authtoken", "_auth", "password", "passwd", "token", "secret", "login ", "machine " }
local function credential_text(text, declared)
  local l = text:lower()
  for _, m in ipairs(MARKERS) do
    if l:find(m, 1, true) then return true end
  end
  for v in text:gmatch("%${?([%a_][%w_]*)") do
    if declared[v] then return true end
  end
  return false
end

local function has_key(argv, pred)
  for i = 2, #argv do
    if pred(argv[i]:lower()) then return true end
  end
  return false
end

-- What in this command configures a credential, or nil.
local function configures(cmd, declared)
  local name, argv = cmd.name, cmd.argv or {}
  local sub = cmd:args()[1]
  if name == "aws" and sub == "configure" and has_key(argv, function(w)
        return w == "aws_access_key_id" or w == "aws_secret_access_key" or w == "aws_session_token"
      end) then
    return "aws configure set"
  end
  if (name == "docker" or name == "podman" or name == "buildah" or name == "skopeo" or name == "helm")
      and (sub == "login" or (name == "helm" and sub == "registry"))
      and cmd:has_flag("-p", "--password") then
    return name .. " login --password"
  end
  if (name == "npm" or name == "yarn" or name == "pnpm") and sub == "config"
      and cmd:args()[2] == "set" and has_key(argv, function(w)
        return w:find("_authtoken", 1, true) or w:find(":_auth", 1, true) or w:find(":_password", 1, true)
            or w == "npmauthtoken" or w:find("npmauthtoken=", 1, true)
      end) then
    return name .. " config set of an auth token"
  end
  if name == "gcloud" and sub == "auth" and has_key(argv, function(w) return w == "activate-service-account" end) then
    return "gcloud auth activate-service-account"
  end
  if name == "az" and sub == "login" and cmd:has_flag("-p", "--password", "--federated-token") then
    return "az login --password"
  end
  if name == "doctl" and sub == "auth" and cmd:has_flag("-t", "--access-token") then
    return "doctl auth init --access-token"
  end
  if name == "gh" and sub == "auth" and has_key(argv, function(w) return w == "--with-token" end) then
    return "gh auth login --with-token"
  end
  if name == "curl" and cmd:has_flag("-u", "--user") then
    local v = cmd:flag_value("-u", "--user")
    if v and v:find(":", 1, true) then return "curl --user with a password" end
  end
  if name == "wget" and cmd:has_flag("--password", "--http-password", "--ftp-password") then
    return "wget --password"
  end
  for i = 2, #argv do
    if url_credential(argv[i], declared) then return "a URL with credentials" end
  end
  -- what the command writes, joined only for a command that writes a file (joining the
  -- words of every command was most of this rule's time on a large file)
  local function written()
    if name == "tee" then return cmd.instruction and cmd.instruction.raw or "" end
    return table.concat(argv, " ", 2)
  end
  for _, r in ipairs(cmd.redirects or {}) do
    local f = (r.op == ">" or r.op == ">>") and cred_file(r.target)
    if f and credential_text(written(), declared) then return "writing " .. f end
  end
  if name == "tee" then
    for _, a in ipairs(cmd:args()) do
      local f = cred_file(a)
      if f and credential_text(written(), declared) then return "writing " .. f end
    end
  end
  return nil
end

return {
  title    = "Credentials configured in RUN without a secret mount",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DS-0031", "AVD-DS-0031", "CIS-4.10" },
  help     = [[
A `RUN` that logs in (`docker login -p`, `aws configure set aws_secret_access_key`,
`az login -p`, `gcloud auth activate-service-account`, `doctl auth init -t`), configures
a token (`npm config set //registry.npmjs.org/:_authToken ...`), writes a credentials
file (`echo ... > ~/.npmrc`, `.pypirc`, `.netrc`, `.docker/config.json`,
`.aws/credentials`) or passes a credential in a URL (`git clone
https://oauth2:$TOKEN@...`, `pip install --index-url https://u:p@...`) leaves that
credential behind: the value of a build argument is recorded in the image history, a
literal one is in the Dockerfile, and a written file stays in the layer even when a later
`RUN` deletes it.

Mount the credential for that one `RUN` instead: `RUN --mount=type=secret,id=npmrc,
target=/root/.npmrc npm ci`, or `--mount=type=secret,id=tok,env=TOKEN`. A `RUN` with a
secret (or ssh) mount is not flagged. Every stage is checked: a builder stage's history
is pushed with its cache.
]],
  check = function(df, report)
    local declared = {}
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "arg" or ins.cmd == "env" then
        for _, p in ipairs(ins.pairs or {}) do
          if p.key then declared[p.key] = true end
        end
      end
    end
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and not commands.has_secret_mount(ins) then
        local seen = {}
        commands.each(ins, function(c, outer)
          local what = configures(c, declared)
          if what and not seen[outer] then
            seen[outer] = true
            report { message = what .. " in RUN without --mount=type=secret: the credential stays in the image history or a layer",
                     at = outer }
          end
        end)
      end
    end
  end,
}
