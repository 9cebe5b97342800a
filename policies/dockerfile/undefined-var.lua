-- undefined-var: a variable no ARG or ENV defines expands to an empty string.
--
-- BuildKit's UndefinedVar also knows the base image's ENV; a Dockerfile alone does
-- not, so a variable may come from the base image (JAVA_HOME, NODE_VERSION, ...).
-- To stay precise, only two cases are reported: the stage starts FROM scratch (there
-- is no inherited environment), or the name is a near-miss of a declared variable.
local function distance(a, b)
  if math.abs(#a - #b) > 2 then return 99 end
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    end
    prev = cur
  end
  return prev[#b]
end

local function scratch_rooted(df, stage)
  local guard = 0
  while stage and guard < 1000 do
    local b = stage.base_stage
    if not (b and b > 0 and b < stage.index) then
      return stage.from ~= nil and stage.from.scratch == true
    end
    stage = df.stages[b]
    guard = guard + 1
  end
  return false
end

return {
  title    = "Variable used but never defined",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "UndefinedVar" },
  help     = [[
Instructions other than `RUN` (`COPY`, `ENV`, `WORKDIR`, `LABEL`, ...) expand `$VAR`
at build time; a variable that no `ARG` or `ENV` defines becomes an empty string, so
`COPY $APP_DIR/config /etc/app/` copies from the context root. Usually it is a typo
or an `ARG` declared in another stage (each stage must redeclare the `ARG`s it uses).

BuildKit's check also reads the base image's environment, which a Dockerfile alone
does not show. To avoid false alarms this rule reports only a variable that is a near
miss of a declared one (`$APP_DIRR` when `APP_DIR` exists), or any undefined variable
in a stage built `FROM scratch`, where nothing is inherited.
]],
  check = function(df, report)
    local declared = {}
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "arg" or ins.cmd == "env" then
        for _, p in ipairs(ins.pairs or {}) do declared[#declared + 1] = p.key end
      end
    end
    for _, w in ipairs(df.warnings or {}) do
      if w.code == "undefined-var" then
        local var = (w.message or ""):match("%$([%a_][%w_]*)")
        for _, ins in ipairs(df.instructions) do
          if ins.line <= w.line and w.line <= ins.end_line and ins.cmd ~= "from" and var then
            local near
            for _, d in ipairs(declared) do
              if d ~= var and #var >= 4 and distance(d:upper(), var:upper()) <= (#var >= 8 and 2 or 1) then
                near = d
                break
              end
            end
            if near then
              report { message = "$" .. var .. " is not defined; did you mean $" .. near .. "?", at = ins }
            elseif ins.stage > 0 and scratch_rooted(df, df.stages[ins.stage]) then
              report { message = "$" .. var .. " is not defined in this stage (built FROM scratch) and expands to nothing",
                       at = ins }
            end
            break
          end
        end
      end
    end
  end,
}
