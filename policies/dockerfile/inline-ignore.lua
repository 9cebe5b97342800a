-- inline-ignore: suppression comments scattered through Dockerfiles waive findings where
-- no reviewer of the policy sees them; a team may want every waiver in one place.
local KINDS = { "hadolint", "plimsoll", "buildkit" }

-- The tool a suppression comment is written for, or nil for any other comment.
local function pragma(text)
  local tool, rest = text:match("^(%a+)%s+(.*)$")
  if tool ~= "hadolint" and tool ~= "plimsoll" then return nil end
  rest = rest:gsub("^global%s+", ""):gsub("^stage%s+", "")
  if rest:match("^ignore%s*=") then return tool end
  return nil
end

return {
  title    = "Inline suppression comment",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL1001" },
  params   = {
    kinds = {
      type = "list",
      default = KINDS,
      description = "which suppression comments to report: hadolint, plimsoll, buildkit (# check=skip=)",
    },
  },
  help     = [[
Inline suppressions (`# hadolint ignore=DL3008`, `# plimsoll ignore=RULE -- reason`,
BuildKit's `# check=skip=Name`) waive findings inside the file they appear in, where a
review of the policy never sees them. Teams that want every waiver reviewed in one place
(the configuration's `exceptions:`, with a reason and an expiry date) can enable this
rule to find the comments that bypass it. hadolint's DL1001 is the same idea (off by
default there too).

Each suppression comment is reported at its own line, whether it is global, per stage
or per instruction; the parameter `kinds` narrows the tools whose comments count.

The waiver moves from the Dockerfile (below, before and after) into `.plimsoll.yaml`:

```yaml
exceptions:
  - rule: apt-package-unpinned
    paths: [services/api/Dockerfile]
    reason: curl follows the distribution's security updates
    expires: 2025-06-30
```
]],
  check = function(df, report, params)
    local want = {}
    for _, k in ipairs(params.kinds) do want[k] = true end
    local d = df.directives and df.directives.check
    if want.buildkit and d and type(d.value) == "string" and d.value:find("skip%s*=") then
      report { message = "# check=" .. d.value .. " skips BuildKit checks for the whole file",
               line = d.line }
    end
    for _, c in ipairs(df.comments or {}) do
      local tool = pragma(c.text or "")
      if tool and want[tool] then
        report { message = "inline " .. tool .. " suppression: " .. c.text, line = c.line }
      elseif want.buildkit and (c.text or ""):match("^check%s*=.*skip%s*=") then
        report { message = "inline BuildKit suppression: " .. c.text, line = c.line }
      end
    end
  end,
}
