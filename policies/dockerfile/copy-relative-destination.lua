-- copy-relative-destination: a relative COPY destination lands in the base image's
-- WORKDIR, which the Dockerfile does not show and a new base image version can change.
local function is_absolute(p)
  return p:sub(1, 1) == "/" or p:sub(1, 1) == "\\" or p:match("^%a:[/\\]") ~= nil
end

-- Per stage index: whether a WORKDIR is set in the stage or a stage it is built FROM,
-- and whether its root is `scratch` (whose WORKDIR is known to be /). One pass in order,
-- since a base comes before the stages built on it: walking each stage's chain again
-- made a long chain of stages quadratic.
local function stage_facts(df)
  local workdir, scratch = {}, {}
  for _, stage in ipairs(df.stages) do
    local i, b = stage.index, stage.base_stage
    local has = false
    for _, ins in ipairs(stage.instructions or {}) do
      if ins.cmd == "workdir" then has = true break end
    end
    if b and b > 0 and b < i and workdir[b] ~= nil then
      workdir[i], scratch[i] = has or workdir[b], scratch[b]
    else
      workdir[i], scratch[i] = has, stage.from ~= nil and stage.from.scratch == true
    end
  end
  return workdir, scratch
end

return {
  title    = "COPY to a relative destination without WORKDIR",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3045" },
  help     = [[
`COPY app.py .` copies to the current `WORKDIR`. When no `WORKDIR` is set in the stage or
in the stages it is built `FROM`, that is whatever the base image set, which the
Dockerfile does not show: `/` for `debian` or `node`, `/go` for `golang`,
`/var/www/html` for `php:apache`. A new version of the base (or a switch to another
one) moves the files, and a later `CMD` that expects them next to it breaks. Set the
directory with an absolute `WORKDIR`, or give an absolute destination.

Not flagged: stages rooted at `scratch` (whose directory is `/`), destinations from a
variable, and a `WORKDIR` anywhere earlier in the stage or its stage bases. (hadolint
DL3045 does the same, but also flags `FROM scratch`.)
]],
  check = function(df, report)
    local workdir, scratch = stage_facts(df)
    for _, stage in ipairs(df.stages) do
      local b = stage.base_stage
      if not scratch[stage.index] then
        local set = b ~= nil and b > 0 and b < stage.index and workdir[b] == true
        for _, ins in ipairs(stage.instructions or {}) do
          if ins.cmd == "workdir" then
            set = true
          elseif (ins.cmd == "copy" or ins.cmd == "add") and not set then
            local args = ins.args or {}
            local dest = args[#args]
            if #args >= 2 and dest then
              dest = pl.unquote(dest)
              if dest ~= "" and not dest:find("$", 1, true) and not is_absolute(dest) then
                report { message = ins.cmd:upper() .. " to the relative destination " .. dest
                                   .. " with no WORKDIR set: it lands in the base image's working directory",
                         at = ins }
              end
            end
          end
        end
      end
    end
  end,
}
