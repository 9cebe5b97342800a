-- final-user-root: the image a Dockerfile builds should not run as root.
--
-- Only the final stage matters (a build stage may need root to install things), and a
-- USER in a stage the final stage is built FROM counts, since USER is inherited.
local function is_root(name)
  if name == nil then return false end
  local user = name:match("^([^:]*)") or name
  return user == "root" or user == "0"
end

-- Bases known to run as a non-root user out of the box (distroless ":nonroot",
-- "*-nonroot", docker "*-rootless"): no USER line is needed on top of them.
local function base_is_nonroot(ref)
  local tag = ref and ref.tag
  return tag ~= nil and (tag:find("nonroot", 1, true) or tag:find("rootless", 1, true)) ~= nil
end

local function root_base(df, stage)
  local guard = 0
  while stage and stage.base_stage and stage.base_stage > 0
      and stage.base_stage < stage.index and guard < 1000 do
    stage = df.stages[stage.base_stage]
    guard = guard + 1
  end
  return stage
end

return {
  title    = "Final stage runs as root",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL3002", "DS-0002", "AVD-DS-0002", "CKV_DOCKER_3", "CKV_DOCKER_8",
               "67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae", "fd54f200-402c-4333-a5a4-36ef6709af2f",
               "CIS-DI-0001", "CIS-4.1" },
  help     = [[
A container whose main process runs as root turns any bug in that process into root
inside the container, one kernel or runtime flaw away from root on the host. Create an
unprivileged user and switch to it with `USER` at the end of the final stage.

Only the final stage is checked, so a builder stage may keep root. A `USER` set in a stage
that the final stage is built `FROM` is inherited and counts. A `USER` whose value cannot
be decided (an `ARG` without a default) is trusted. Bases tagged `nonroot` or `rootless`
(for example `gcr.io/distroless/static:nonroot`) already run unprivileged.

Before:

```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "/app/main.py"]
```

After:

```dockerfile
FROM python:3.12-slim
RUN useradd --system --uid 10001 app
COPY --chown=app . /app
USER 10001
CMD ["python", "/app/main.py"]
```
]],
  check = function(df, report)
    local final = df.final
    if final == nil then return end
    local user = final.user
    if user == nil then
      local base = root_base(df, final)
      if base_is_nonroot(base and base.from) then return end
      report { message = "the final stage sets no USER, so the container runs as root", at = final }
    elseif is_root(user.name) then
      report { message = "the last USER of the final stage is " .. user.name .. "; switch to an unprivileged user",
               at = user }
    end
  end,
}
