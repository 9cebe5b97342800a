-- workdir-relative: a relative WORKDIR resolves against whatever directory the base
-- image happens to set, which can change under you.
local function absolute(p)
  p = p:gsub('^"(.*)"$', "%1"):gsub("^'(.*)'$", "%1")
  return p:sub(1, 1) == "/" or p:match("^%a:[\\/]") ~= nil or p:sub(1, 1) == "\\"
end

return {
  title    = "Relative WORKDIR that depends on the base image",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3000", "WorkdirRelativePath", "DS-0009", "AVD-DS-0009", "CKV_DOCKER_10",
               "6b376af8-cfe8-49ab-a08d-f32de23661a4" },
  help     = [[
`WORKDIR app` means "app under the current working directory", which, until your
Dockerfile sets one, is whatever the base image chose. A base image update can move your
files. Use an absolute path.

As in BuildKit's `WorkdirRelativePath` check, a relative `WORKDIR` after an absolute one
in the same stage (or a stage it is built `FROM`) is well defined and not flagged. Paths
that start with a variable (`$HOME/app`) are not flagged.
]],
  check = function(df, report)
    local anchored = {} -- stage index -> an absolute WORKDIR has been set
    for _, stage in ipairs(df.stages) do
      local b = stage.base_stage
      local set = (b and b > 0 and anchored[b]) or false
      for _, ins in ipairs(stage.instructions or {}) do
        if ins.cmd == "workdir" then
          local path = ins.expanded or ins.value or ""
          if path:sub(1, 1) == "$" or (ins.value or ""):sub(1, 1) == "$" then
            set = true -- undecidable: give it the benefit of the doubt
          elseif absolute(path) then
            set = true
          elseif not set then
            report { message = "WORKDIR " .. path .. " is relative to the base image's working directory; use an absolute path",
                     at = ins }
          end
        end
      end
      anchored[stage.index] = set
    end
  end,
}
