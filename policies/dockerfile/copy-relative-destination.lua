-- copy-relative-destination: a relative COPY destination lands in the base image's
-- WORKDIR, which the Dockerfile does not show and a new base image version can change.
local function is_absolute(p)
  return p:sub(1, 1) == "/" or p:sub(1, 1) == "\\" or p:match("^%a:[/\\]") ~= nil
end

-- The stage's chain of stages, itself first, then the stages it is built FROM; and
-- whether its root is `scratch` (whose WORKDIR is known to be /).
local function chain(df, stage)
  local list, guard = {}, 0
  while stage and guard < 1000 do
    list[#list + 1] = stage
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then break end
    stage = df.stages[b]
    guard = guard + 1
  end
  local root = list[#list]
  return list, root and root.from and root.from.scratch == true
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
    for _, stage in ipairs(df.stages) do
      local list, from_scratch = chain(df, stage)
      if not from_scratch then
        local set = false
        for i = 2, #list do
          for _, ins in ipairs(list[i].instructions or {}) do
            if ins.cmd == "workdir" then set = true end
          end
        end
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
