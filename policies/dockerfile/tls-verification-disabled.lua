-- tls-verification-disabled: a download without certificate checks accepts whatever a
-- man in the middle sends, and it ends up in the image.
local commands = require("plimsoll.commands")

-- Environment variables that turn verification off, and the values that do it (nil:
-- any non-empty value).
local ENV_OFF = {
  PYTHONHTTPSVERIFY = { ["0"] = true },
  NODE_TLS_REJECT_UNAUTHORIZED = { ["0"] = true },
  NPM_CONFIG_STRICT_SSL = { ["false"] = true, ["0"] = true },
  YARN_STRICT_SSL = { ["false"] = true, ["0"] = true },
  GIT_SSL_NO_VERIFY = false,
  PIP_TRUSTED_HOST = false,
  CURL_INSECURE = false,
}

local function env_disables(key, value)
  if key == nil or value == nil or value == "" then return false end
  local rule = ENV_OFF[key:upper()]
  if rule == nil then return false end
  if value:find("^%$") then return false end -- a reference decides nothing here
  if rule == false then return true end
  return rule[value:lower()] == true
end

local function lower_args(cmd)
  local out = {}
  for _, w in ipairs(cmd.argv or {}) do out[#out + 1] = w:lower() end
  return out
end

-- What in this command turns verification off, or nil.
local function disabled_by(cmd)
  local name = cmd.name
  for _, a in ipairs(cmd.assignments or {}) do
    local k, v = a:match("^([%w_]+)=(.*)$")
    if env_disables(k, v) then return k .. "=" .. v end
  end
  if name == "export" then
    for i = 2, #(cmd.argv or {}) do
      local k, v = cmd.argv[i]:match("^([%w_]+)=(.*)$")
      if env_disables(k, v) then return "export " .. k .. "=" .. v end
    end
  end
  if name == "curl" and cmd:has_flag("-k", "--insecure") then return "curl --insecure" end
  if name == "wget" and cmd:has_flag("--no-check-certificate") then return "wget --no-check-certificate" end
  if (name == "pip" or name == "pip3" or name:match("^pip3%.%d+$")) and cmd:has_flag("--trusted-host") then
    return name .. " --trusted-host"
  end
  local argv = lower_args(cmd)
  if name == "npm" or name == "yarn" or name == "pnpm" then
    -- npm config set strict-ssl false | npm config set strict-ssl=false | yarn config set strict-ssl false
    for i = 2, #argv do
      if argv[i] == "strict-ssl" and argv[i + 1] == "false" then return name .. " strict-ssl false" end
      if argv[i] == "strict-ssl=false" or argv[i] == "--strict-ssl=false" then return name .. " strict-ssl false" end
      if argv[i] == "enablestrictssl" and argv[i + 1] == "false" then return name .. " enableStrictSsl false" end
    end
  end
  if name == "git" then
    for i = 2, #argv do
      local w = argv[i]
      if (w == "http.sslverify" and (argv[i + 1] == "false" or argv[i + 1] == "0"))
          or w == "http.sslverify=false" or w == "http.sslverify=0" then
        return "git http.sslVerify false"
      end
    end
  end
  if name == "yum" or name == "dnf" or name == "microdnf" or name == "tdnf" or name == "yum-config-manager"
      or name == "dnf-config-manager" then
    for i = 2, #argv do
      local v = argv[i]:match("sslverify=(%w+)$")
      if v == "0" or v == "false" or v == "no" then return name .. " sslverify=" .. v end
    end
  end
  return nil
end

return {
  title    = "TLS certificate verification disabled",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6",
               "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16" },
  help     = [[
`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set
strict-ssl false`, `git -c http.sslVerify=false`, `yum --setopt=sslverify=0` and the
environment variables `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
`NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST` all make a
download accept any certificate: whoever sits between the builder and the server can
replace the package, script or binary that goes into the image. Set in `ENV`, they stay
off for every process of the running container too.

Fix the cause instead: install the CA certificate your proxy uses
(`COPY corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`), or fix
the clock or the URL.

Flagged in every stage (a builder that downloads unverified code compiles it into the
image), in `RUN` commands (seen through `sudo`, `sh -c`, `env`), in `VAR=value` prefixes,
`export`, and in `ENV`/`ARG` values. Variables whose value is only a reference are not.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "env" or ins.cmd == "arg" then
        for _, p in ipairs(ins.pairs or {}) do
          if env_disables(p.key, p.value) then
            report { message = ins.keyword:upper() .. " " .. p.key .. "=" .. p.value
                               .. " turns TLS certificate verification off", at = p }
          end
        end
      elseif ins.cmd == "run" then
        local seen = {}
        commands.each(ins, function(c, outer)
          local what = disabled_by(c)
          if what and not seen[outer] then
            seen[outer] = true
            report { message = what .. " turns TLS certificate verification off", at = outer }
          end
        end)
      end
    end
  end,
}
