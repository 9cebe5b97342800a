-- invalid-default-arg-in-from: a FROM that is only valid when a build argument is
-- passed breaks every build that does not pass it.
local function plain_vars_only(raw)
  return not raw:find("%${[%a_][%w_]*[:%-+?]")
end

local function invalid(ref)
  return ref == "" or ref:match(":$") ~= nil or ref:match("@$") ~= nil or ref:match("^[:@/]") ~= nil
      or ref:find("//", 1, true) ~= nil or ref:match("/$") ~= nil or ref:match("^%-") ~= nil
end

return {
  title    = "Default ARG values make FROM invalid",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "InvalidDefaultArgInFrom" },
  help     = [[
When a global `ARG` has no default (or an empty one), a `FROM` built from it is only
valid if every build passes `--build-arg`: `ARG TAG` + `FROM alpine:${TAG}` becomes
`FROM alpine:` and fails, and linters and scanners that read the Dockerfile cannot see
the base image at all. Give the `ARG` a working default, or use `${TAG:-3.20}`.
]],
  check = function(df, report)
    local declared = {}
    for _, p in ipairs(df.global_args or {}) do declared[p.key] = p.value or "" end
    for _, stage in ipairs(df.stages) do
      local ref = stage.from
      local raw = ref and ref.raw or ""
      if raw:find("$", 1, true) and plain_vars_only(raw) then
        local all_declared = true
        local value = raw:gsub("%${([%a_][%w_]*)}", function(n)
          if declared[n] == nil then all_declared = false return "" end
          return declared[n]
        end):gsub("%$([%a_][%w_]*)", function(n)
          if declared[n] == nil then all_declared = false return "" end
          return declared[n]
        end)
        if all_declared and invalid(value) then
          report { message = "with the default ARG values, FROM " .. raw .. " is '" .. value
                             .. "', not a valid image; give the ARG a default", at = ref }
        end
      end
    end
  end,
}
