-- image-history-secret: build arguments used by a RUN, and ENV values later replaced,
-- stay in the image history (`docker history --no-trunc` shows them).
local history = require("plimsoll.history")
local function is_reference(v)
  return v:match("^%$[%w_]+$") ~= nil or v:match("^%${[^}]*}$") ~= nil
end

local function is_harmless(v)
  local l = v:lower()
  -- stand-ins such as "changeme" or "<your token>" (pl.is_placeholder) are not leaks
  if pl.is_placeholder and pl.is_placeholder(v) then return true end
  return l == "" or l == "true" or l == "false" or l == "yes" or l == "no"
      or v:match("^%d+$") ~= nil or v:match("^/[%w%._/%-]*$") ~= nil
end

local function is_public_name(name)
  local u = name:upper()
  return u:match("^GPG_KEYS?$") ~= nil or u:find("PUBLIC", 1, true) ~= nil
      or u:match("_KEY_?ID$") ~= nil or u:match("KEYSERVER") ~= nil
end

local function secret_pair(key, value)
  if is_reference(value) then return nil end
  local shape = pl.secret_value(value)
  if shape then return "what looks like " .. shape end
  if pl.secret_name(key) and not is_public_name(key) and not is_harmless(value) then
    return "a literal value"
  end
  return nil
end

local LOCKED = { ["*"] = true, ["!"] = true, ["!!"] = true, ["x"] = true, ["!*"] = true }

-- A password set by the recorded script (chpasswd, passwd --stdin, useradd -p), or nil.
local function password_set(script)
  if script:find("/run/secrets/", 1, true) then return nil end
  local ok, cmds = pcall(pl.read_script, script)
  if not ok or type(cmds) ~= "table" then return nil end
  for _, c in ipairs(cmds) do
    local w = c.argv or c.words or {}
    local name = (w[1] or ""):match("([^/]+)$") or ""
    if name == "chpasswd" then return "chpasswd" end
    for i = 2, #w do
      if name == "passwd" and w[i] == "--stdin" then return "passwd --stdin" end
      if (name == "useradd" or name == "usermod") and (w[i] == "-p" or w[i] == "--password")
          and w[i + 1] and not LOCKED[w[i + 1]] then
        return name .. " -p"
      end
    end
  end
  return nil
end

return {
  title    = "Secret in the image history",
  severity = "high",
  input    = "image",
  aliases  = { "CIS-DI-0010", "CIS-4.10" },
  help     = [[
Every `RUN` records the build arguments it saw in its history entry
(`|1 NPM_TOKEN=npm_... /bin/sh -c npm ci`), BuildKit records `ARG` defaults, and every
`ENV` records its value, even when a later `ENV` replaces it. Anyone who pulls the image can read them with
`docker history --no-trunc`, so a token passed with `--build-arg` is leaked.

ENV entries whose value is still the effective one in `Env` are left to the rule
`image-env-secret`, so one secret is reported once.

The commands themselves are recorded too: a `RUN` that downloads from
`https://user:password@host/`, embeds a token, or sets a password with `chpasswd`,
`passwd --stdin` or `useradd -p` shows it to everyone (the Dockerfile rules
`secret-in-instruction` and `password-set-in-run` catch these before the build).

Use a build secret (`RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci`) instead of a
build argument, and rotate the leaked credential.
]],
  check = function(doc, report)
    local env = doc.env or {}
    for _, h in ipairs(doc.history or {}) do
      local cb = h.created_by or ""
      for _, p in ipairs(history.build_args(cb)) do
        local what = secret_pair(p.key, p.value)
        if what then
          report { message = "build argument " .. p.key .. " recorded in history holds " .. what, at = h }
        end
      end
      for _, p in ipairs(history.pairs_of("ARG", cb)) do
        local what = secret_pair(p.key, p.value)
        if what then
          report { message = "ARG default " .. p.key .. " recorded in history holds " .. what, at = h }
        end
      end
      local text = history.command_text(cb)
      if text then
        local shape = pl.secret_value(text)
        if shape then
          report { message = "history entry records what looks like " .. shape, at = h }
        else
          local how = password_set(text)
          if how then
            report { message = "history entry records a password set with " .. how, at = h }
          end
        end
      end
      for _, p in ipairs(history.pairs_of("ENV", cb)) do
        if env[p.key] ~= p.value then
          local what = secret_pair(p.key, p.value)
          if what then
            report { message = "replaced ENV " .. p.key .. " recorded in history holds " .. what, at = h }
          end
        end
      end
    end
  end,
}
