-- image-history-risky-command: an image built elsewhere still records what its RUNs did;
-- sudo, a download run unverified or a world-writable chmod there is in the image.
local history = require("plimsoll.history")
local risky = require("plimsoll.risky")

-- The recorded commands of a RUN entry, each followed by what it runs through sudo,
-- env or sh -c, as the Dockerfile rules see them.
local function commands(text)
  local ok, cmds = pcall(pl.read_script, text)
  if not ok or type(cmds) ~= "table" then return {} end
  return cmds
end

local function each_inner(c, fn)
  local ok, list = pcall(function() return c:unwrap() end)
  if ok and type(list) == "table" then
    for _, x in ipairs(list) do fn(x) end
    if list[1] ~= c then fn(c) end
  else
    fn(c)
  end
end

-- What is risky about one recorded script: a list of messages.
local function findings(text)
  local out, seen = {}, {}
  local function add(m)
    if not seen[m] then seen[m] = true; out[#out + 1] = m end
  end
  local cmds = commands(text)
  for i, c in ipairs(cmds) do
    local fetcher, program = risky.pipe_to_program(cmds, i)
    if fetcher then add(fetcher .. " output piped into " .. program .. ": the download ran unverified") end
    local f, shell = risky.runs_fetched_script(c)
    if f then add(shell .. " ran the output of " .. f .. " unverified") end
    each_inner(c, function(x)
      if x.name == "sudo" then
        add("sudo in a RUN: the image carries sudo and a sudoers policy")
      end
      local mode
      if x.name == "chmod" then
        local ok, args = pcall(function() return x:args() end)
        mode = ok and args[1] or nil
      elseif x.name == "mkdir" or x.name == "install" then
        local ok, v = pcall(function() return x:flag_value("-m", "--mode") end)
        mode = ok and v or nil
      end
      if type(mode) == "string" and risky.world_writable(mode) then
        add(x.name .. " " .. mode .. " made files writable by every user")
      end
    end)
  end
  return out
end

return {
  title    = "Risky command recorded in the image history",
  severity = "medium",
  input    = "image",
  aliases  = { "DKL-DI-0001" },
  help     = [[
An image's history records every `RUN` of its build (`docker history --no-trunc`), also
for images you did not build from a Dockerfile you can lint. This rule reads those
commands as the Dockerfile rules read a `RUN` (through `sudo`, `env` and `sh -c`) and
reports the risky ones:

- `sudo` (the Dockerfile rule `sudo-in-run`; dockle's DKL-DI-0001 on history): the
  image ships sudo and a sudoers policy;
- a download run unverified: `curl ... | sh`, `sh -c "$(curl ...)"`
  (`curl-pipe-shell`);
- `chmod 777`, `chmod o+w`, `mkdir -m 777` and the like, sticky bit excepted
  (`chmod-world-writable`).

Base-image layers count too: their commands are part of the image you run. Fix it in
the Dockerfile that built the image, or choose another base.

Before (history): `RUN /bin/sh -c curl -fsSL https://get.example.com | sh # buildkit`.
After: `RUN /bin/sh -c curl -fsSLo /tmp/i.sh https://get.example.com/v1.2.sh && echo "<sha256>  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh # buildkit`.
]],
  check = function(doc, report)
    for _, h in ipairs(doc.history or {}) do
      local cb = h.created_by
      if type(cb) == "string" and history.is_run(cb) then
        local text = history.command_text(cb)
        if text then
          for _, m in ipairs(findings(text)) do
            report { message = m, at = h }
          end
        end
      end
    end
  end,
}
