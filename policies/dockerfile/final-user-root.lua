-- final-user-root: the image a Dockerfile builds should not run as root.
--
-- Only the final stage matters (a build stage may need root to install things), and a
-- USER in a stage the final stage is built FROM counts, since USER is inherited.
local commands = require("plimsoll.commands")
local stages = require("plimsoll.stages")

-- Windows user names are case-insensitive; ContainerAdministrator is the Windows
-- equivalent of root.
local function is_root(name)
  if name == nil then return false end
  local user = name:match("^([^:]*)") or name
  return user == "root" or user == "0" or user:lower() == "containeradministrator"
end

-- Bases known to run as a non-root user out of the box (distroless ":nonroot",
-- "*-nonroot", docker "*-rootless"), and Windows Nano Server, whose default user is
-- ContainerUser: no USER line is needed on top of them.
local function base_is_nonroot(ref)
  if ref == nil then return false end
  local tag = (ref.tag or ""):lower()
  local image = (ref.image or ""):lower()
  return tag:find("nonroot", 1, true) ~= nil or tag:find("rootless", 1, true) ~= nil
      or tag:find("nanoserver", 1, true) ~= nil or image:find("nanoserver$") ~= nil
end

-- An external base whose default user cannot be known from here: neither an official
-- library image (docker.io/library/*, which run as root), nor Windows Server Core, nor
-- scratch; a reference that stays a variable is unknown too.
local function base_is_unknown(ref)
  if ref == nil or ref.scratch or ref.stage then return false end
  local text = ref.expanded or ref.raw or ""
  if text:find("$", 1, true) then return true end
  local parsed = pl.image_ref(text)
  if parsed == nil or parsed.repository == nil then return true end
  -- Windows Server Core and Server run as ContainerAdministrator by default
  local repo = parsed.repository:lower()
  if repo:find("servercore", 1, true) or repo == "windows/server" or repo == "windows" then return false end
  return not (parsed.registry == "docker.io" and parsed.repository:find("^library/") ~= nil)
end

-- Tools with which an entrypoint script that starts as root drops to an unprivileged
-- user before it execs the service (the docker-library pattern: fix the ownership of a
-- volume, then `exec gosu mongodb mongod`). Installed or fetched in a shipped stage,
-- they mean the process does not run as root, even though the container starts so.
local STEP_DOWN = { ["gosu"] = true, ["su-exec"] = true }
-- Used directly in ENTRYPOINT or CMD, these drop privileges too.
local STEP_DOWN_EXEC = { ["gosu"] = true, ["su-exec"] = true, ["setpriv"] = true,
                         ["s6-setuidgid"] = true, ["runuser"] = true, ["chpst"] = true }

local function basename(w)
  return (w:match("([^/]+)$") or w):lower()
end

local function steps_down(df)
  for _, stage in ipairs(stages.final_chain(df)) do
    for _, ins in ipairs(stage.instructions or {}) do
      if ins.cmd == "run" then
        local found = false
        commands.each(ins, function(c)
          for _, w in ipairs(c.argv or {}) do
            if STEP_DOWN[basename(w)] then found = true end
          end
        end)
        if found then return true end
      elseif ins.cmd == "entrypoint" or ins.cmd == "cmd" then
        for _, w in ipairs(ins.exec or {}) do
          if STEP_DOWN_EXEC[basename(w)] then return true end
        end
        local found = false
        commands.each(ins, function(c)
          if STEP_DOWN_EXEC[c.name or ""] or STEP_DOWN_EXEC[c.wrapper or ""] then found = true end
          for _, w in ipairs(c.argv or {}) do
            if STEP_DOWN_EXEC[basename(w)] then found = true end
          end
        end)
        if found then return true end
      end
    end
  end
  return false
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
(for example `gcr.io/distroless/static:nonroot`) already run unprivileged, and so does
Windows Nano Server (`ContainerUser`); `ContainerAdministrator` counts as root.

An image that installs `gosu` or `su-exec` in a shipped stage, or drops privileges in
`ENTRYPOINT`/`CMD` with `setpriv`, `runuser`, `s6-setuidgid` or `chpst`, is not
reported: this is the official images' pattern, where an entrypoint script starts as
root to fix the ownership of a volume and then execs the service as its own user. The
script cannot be read from here, so the rule trusts it.

`FROM scratch` is reported: with no user database a static binary runs as uid 0, and
`USER 65532` works without one. When the final stage's base is not an official library
image, the base may set a user that cannot be seen from here; the message says so.
]],
  check = function(df, report)
    local final = df.final
    if final == nil then return end
    local user = final.user
    if (user == nil or is_root(user.name)) and steps_down(df) then return end
    if user == nil then
      local base = root_base(df, final)
      local ref = base and base.from
      if base_is_nonroot(ref) then return end
      if base_is_unknown(ref) then
        report { message = "the final stage sets no USER, so the container runs as root unless its base image "
                   .. (ref.expanded or ref.raw or "?") .. " sets one", at = final }
      else
        report { message = "the final stage sets no USER, so the container runs as root", at = final }
      end
    elseif is_root(user.name) then
      report { message = "the last USER of the final stage is " .. user.name .. "; switch to an unprivileged user",
               at = user }
    end
  end,
}
