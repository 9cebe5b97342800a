-- 20_secrets.lua — pl.secret_name and pl.secret_value: does a variable name look like it
-- holds a credential, does a string contain a known credential shape.
--
-- The shapes and false-positive guards follow shared/reference/formats.md §7: distinctive
-- prefixes checked in bounded windows, word boundaries, an entropy gate against
-- placeholders like ghp_xxxx..., and allowlists (AWS's ...EXAMPLE keys, changeme,
-- ${VAR}, <...>). Every search is a plain find or an anchored match on a short window,
-- so the cost is linear in the subject.
local P = ...
local pl = P.pl or {}
P.pl = pl
local type, pairs, ipairs = type, pairs, ipairs
local sfind, ssub, sbyte, smatch, supper, slower, sgsub, sgmatch =
  string.find, string.sub, string.byte, string.match, string.upper, string.lower,
  string.gsub, string.gmatch
local log = math.log

local function entropy(s)
  local n = #s
  if n == 0 then
    return 0
  end
  local counts = {}
  for i = 1, n do
    local c = sbyte(s, i)
    counts[c] = (counts[c] or 0) + 1
  end
  local h = 0
  for _, k in pairs(counts) do
    local p = k / n
    h = h - p * log(p, 2)
  end
  return h
end
pl.entropy = entropy

local placeholders = {
  "example", "changeme", "change_me", "changeit", "password", "passwd", "secret", "sample",
  "dummy", "placeholder", "your", "redacted", "xxxx", "****", "....", "test", "todo", "fixme",
}

-- True when a value is templated, a reference, or an obvious stand-in.
local function is_placeholder(v)
  if v == "" or sfind(v, "^%$") or sfind(v, "${", 1, true) or sfind(v, "{{", 1, true)
    or sfind(v, "^<.*>$") or sfind(v, "^%%[%w_]+%%$") or sfind(v, "^@[%w_]+@$") then
    return true
  end
  local l = slower(v)
  for _, p in ipairs(placeholders) do
    if sfind(l, p, 1, true) then
      return true
    end
  end
  if sfind(v, "^(.)%1*$") then -- one repeated character
    return true
  end
  return false
end
pl.is_placeholder = function(v)
  if type(v) ~= "string" then
    return false
  end
  return is_placeholder(v)
end

-- ---- names -------------------------------------------------------------------------

local secret_words = {
  PASSWORD = true, PASSWD = true, PASS = true, PWD = true, SECRET = true, SECRETS = true,
  TOKEN = true, TOKENS = true, CREDENTIAL = true, CREDENTIALS = true, CREDS = true,
  APIKEY = true, PRIVATEKEY = true, PASSPHRASE = true, AUTHTOKEN = true,
}
local key_qualifiers = {
  API = true, ACCESS = true, PRIVATE = true, AUTH = true, SECRET = true, CLIENT = true,
  ENCRYPTION = true, SIGNING = true, MASTER = true, SERVICE = true, ACCOUNT = true, DB = true,
  DATABASE = true, LICENSE = true, SSH = true,
}
-- A last word that makes the variable about a secret rather than the secret itself.
local benign_last = {
  FILE = true, FILES = true, PATH = true, DIR = true, URL = true, URI = true, ID = true,
  NAME = true, TYPE = true, LENGTH = true, LEN = true, VERSION = true, ENABLED = true,
  ENABLE = true, HEADER = true, TTL = true, EXPIRY = true, EXPIRES = true, TIMEOUT = true,
  COUNT = true, SIZE = true, MODE = true, FORMAT = true, ALGORITHM = true, LOCATION = true,
  ENDPOINT = true, HOST = true, PORT = true, USER = true, USERNAME = true, ISSUER = true,
  AUDIENCE = true, PREFIX = true, FIELD = true, REF = true, ARN = true, POLICY = true,
  MIN = true, MAX = true, REQUIRED = true, HASH = true, DISABLED = true,
}
local benign_any = { PUBLIC = true, CSRF = true, XSRF = true, NO = true, SKIP = true }
local benign_names = { PWD = true, OLDPWD = true }

function pl.secret_name(name)
  if type(name) ~= "string" or #name > 256 then
    return false
  end
  if benign_names[supper(name)] then
    return false
  end
  -- apiKey -> api_Key, then words by any non-alphanumeric separator
  local words = {}
  for w in sgmatch(sgsub(name, "(%l)(%u)", "%1_%2"), "%w+") do
    words[#words + 1] = supper(w)
  end
  local n = #words
  if n == 0 or benign_last[words[n]] then
    return false
  end
  for i = 1, n do
    if benign_any[words[i]] then
      return false
    end
  end
  for i = 1, n do
    local w = words[i]
    if secret_words[w] then
      return true
    end
    if w == "KEY" and i > 1 and key_qualifiers[words[i - 1]] then
      return true
    end
  end
  return false
end

-- ---- values ------------------------------------------------------------------------

local function is_alnum(c)
  return c and ((c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122))
end

-- Finds every occurrence of a plain prefix whose preceding byte is not alphanumeric and
-- calls check(s, start, arg) on it; returns the first non-nil result. The checks below
-- are written once, not as closures per call: secret_value runs on every word of every
-- command, and a closure or a table per call was most of its cost on a large file.
local function scan(s, prefix, check, arg)
  local i = 1
  while true do
    local a = sfind(s, prefix, i, true)
    if not a then
      return nil
    end
    if not is_alnum(sbyte(s, a - 1)) then
      local r = check(s, a, arg)
      if r then
        return r
      end
    end
    i = a + 1
  end
end

-- The run of characters of class `set` starting at i, looked at through a window of
-- `max` bytes (so the match is bounded), and whether it ended before the window did.
local function run(s, i, set, max)
  local w = ssub(s, i, i + max)
  local r = smatch(w, "^" .. set .. "+") or ""
  return r
end

local function token(s, a, plen, set, min, max, h)
  local body = run(s, a + plen, set, max)
  if #body >= min and #body <= max and entropy(body) > h and not is_placeholder(body) then
    return true
  end
end

-- A token check: { what, prefix length, character class, min, max, entropy above }.
local function token_check(s, a, t)
  if token(s, a, t[2], t[3], t[4], t[5], t[6]) then
    return t[1]
  end
end

local function any_prefix(s, prefixes, check, arg)
  for _, p in ipairs(prefixes) do
    local r = scan(s, p, check, arg)
    if r then
      return r
    end
  end
end

local AWS_PREFIXES = { "AKIA", "ASIA", "ABIA", "ACCA" }
local function aws_key(s, a)
  local id = run(s, a, "[A-Z0-9]", 24)
  if #id == 20 and not sfind(id, "EXAMPLE$") and entropy(id) > 3 then
    return "AWS access key id"
  end
end
local GITHUB_PREFIXES = { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" }
local GITHUB = { "GitHub token", 4, "[%w]", 36, 36, 3 }
local GITHUB_PAT = { "GitHub token", 11, "[%w_]", 50, 100, 3 }
local GITLAB = { "GitLab token", 6, "[%w_%-]", 20, 300, 3 }
local SLACK = { "Slack token", 5, "[%w%-]", 20, 200, 2 }
local function slack(s, a)
  if sfind(ssub(s, a + 3, a + 4), "^[baprse]%-$") then
    return token_check(s, a, SLACK)
  end
end
local function jwt(s, a)
  local w = ssub(s, a, a + 4096)
  local h, p = smatch(w, "^(eyJ[%w_%-]+)%.(eyJ[%w_%-]+)%.")
  if h and #h >= 17 and #p >= 17 then
    return "JSON Web Token"
  end
end
local STRIPE_PREFIXES = { "sk_live_", "rk_live_" }
local STRIPE = { "Stripe live key", 8, "[%w]", 10, 99, 2 }
local GOOGLE = { "Google API key", 4, "[%w_%-]", 35, 35, 3.5 }
local NPM = { "npm token", 4, "[%w]", 36, 36, 3 }

local checks = {
  function(s) -- AWS access key id
    return any_prefix(s, AWS_PREFIXES, aws_key)
  end,
  function(s) -- GitHub tokens
    return any_prefix(s, GITHUB_PREFIXES, token_check, GITHUB)
      or scan(s, "github_pat_", token_check, GITHUB_PAT)
  end,
  function(s) -- GitLab
    return scan(s, "glpat-", token_check, GITLAB)
  end,
  function(s) -- Slack
    return scan(s, "xox", slack)
  end,
  function(s) -- private key blocks, with a body
    local a = sfind(s, "PRIVATE KEY", 1, true)
    while a do
      local head = ssub(s, a > 120 and a - 120 or 1, a)
      local tail = ssub(s, a, a + 600)
      if sfind(head, "-----BEGIN", 1, true) and sfind(tail, "^PRIVATE KEY[ A-Z]*%-%-%-%-%-") then
        local body = sgsub(ssub(tail, 17), "[^%w+/=]", "")
        if #body >= 64 then
          return "private key"
        end
      end
      a = sfind(s, "PRIVATE KEY", a + 1, true)
    end
    if sfind(s, "PuTTY-User-Key-File-", 1, true) then
      return "private key"
    end
  end,
  function(s) -- user:password@ in a URL
    local i = 1
    while true do
      local a = sfind(s, "://", i, true)
      if not a then
        return nil
      end
      local w = ssub(s, a + 3, a + 300)
      local user, pass = smatch(w, "^([^%s/:@\"'`]+):([^%s/@\"'`]+)@")
      if user and not is_placeholder(pass) and not sfind(pass, "[{}]") then
        return "password in a URL"
      end
      i = a + 3
    end
  end,
  function(s) -- JSON Web Token
    return scan(s, "eyJ", jwt)
  end,
  function(s) -- Stripe live keys
    return any_prefix(s, STRIPE_PREFIXES, token_check, STRIPE)
  end,
  function(s) -- Google API key
    return scan(s, "AIza", token_check, GOOGLE)
  end,
  function(s) -- npm
    return scan(s, "npm_", token_check, NPM)
  end,
}

function pl.secret_value(s)
  if type(s) ~= "string" or #s < 8 then
    return nil
  end
  for _, check in ipairs(checks) do
    local r = check(s)
    if r then
      return r
    end
  end
  return nil
end
