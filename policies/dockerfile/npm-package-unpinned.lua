-- npm-package-unpinned: npm install of a bare package name takes whatever the registry
-- tags latest today.
local commands = require("plimsoll.commands")

local SUBS = { install = true, i = true, add = true, isntall = true, ["in"] = true }
local FLOATING = { latest = true, next = true, canary = true, beta = true, alpha = true }
local VALUE_FLAGS = { "--prefix", "--registry", "--cache", "-w", "--workspace", "--omit",
  "--include", "--tag", "--userconfig", "--loglevel", "--install-strategy" }

-- nil when the word names a pinned spec (or not a registry package at all), else the
-- reason it floats.
local function floating(w)
  if commands.is_variable(w) then return nil end
  local name, version
  if w:sub(1, 1) == "@" then
    local at = w:find("@", 2, true)
    if not w:find("/", 2, true) then return nil end
    if at then name, version = w:sub(1, at - 1), w:sub(at + 1) else name = w end
  else
    if w:find("[/:]") or w:match("^%.") or w:match("%.tgz$") or w:match("%.tar%.gz$") then
      return nil -- a path, tarball, git or URL spec
    end
    local at = w:find("@", 1, true)
    if at then name, version = w:sub(1, at - 1), w:sub(at + 1) else name = w end
  end
  if version == nil or version == "" then return name end
  if FLOATING[version] then return w end
  return nil
end

return {
  title    = "npm package installed without a version",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3016", "e36d8880-3f78-4546-b9a1-12f0745ca0d5" },
  help     = [[
`npm install -g typescript` installs whatever the registry tags `latest` at build time:
two builds of one commit can differ, and a compromised release lands in your image
unreviewed. Pin `name@version`, or better, install the project's dependencies from its
lockfile with `npm ci`.

Not flagged: `name@version` (ranges included), `npm install` / `npm ci` without package
names (they follow `package.json` and the lockfile), paths, tarballs, git and URL specs,
and words that come from a variable. `name@latest` is flagged: it is not a version.
]],
  check = function(df, report)
    for cmd in df:commands("npm") do
      local pos = cmd:args(VALUE_FLAGS)
      if SUBS[pos[1]] then
        local list = {}
        for i = 2, #pos do
          local f = floating(pos[i])
          if f then list[#list + 1] = f end
        end
        if #list > 0 then
          report { message = "npm " .. pos[1] .. " without a version for " .. table.concat(list, ", ")
                             .. " (pin with name@version)", at = cmd }
        end
      end
    end
  end,
}
