-- pipe-without-pipefail: in `curl ... | tar x`, a failed download is hidden: the RUN
-- succeeds with whatever tar made of nothing.
local commands = require("plimsoll.commands")

-- Producers that cannot fail in a way worth catching.
local SAFE = { echo = true, printf = true, yes = true, ["true"] = true }

-- By default only producers that reach the network: their failures (a 404, a dropped
-- connection, a truncated body) are common at build time and silent in a pipe.
local NETWORK = { "curl", "wget", "fetch", "aria2c", "git", "gsutil", "aws", "az", "gcloud",
  "gh", "http", "https", "xh", "ftp", "lftp", "rsync", "scp", "ssh", "nc" }

-- Consumers that fail by themselves on empty or truncated input, so the pipeline fails
-- when the producer does: checksum verification, decompression, key import.
local function verifying(c)
  if c == nil then return false end
  local n = c.name
  if n:match("^sha%d*sum$") or n == "md5sum" or n == "b2sum" then return c:has_flag("-c", "--check") end
  if n == "gpg" or n == "gpg2" then return c:has_flag("--import", "--dearmor", "--verify") end
  if n == "apt-key" then return c:args()[1] == "add" end
  if n == "gunzip" or n == "xz" or n == "bunzip2" or n == "zstd" or n == "unxz" then return true end
  if n == "grep" or n == "egrep" or n == "fgrep" then
    -- no input, no match: grep fails by itself (not with -v, -c, or a later || true)
    return not c:has_flag("-v", "--invert-match", "-c", "--count") and c.op ~= "||"
  end
  if n == "tar" then
    if c:has_flag("-z", "-j", "-J", "--gzip", "--bzip2", "--xz", "--zstd") then return true end
    local first = c.argv[2] or ""
    return first:sub(1, 1) ~= "-" and first:find("[zjJ]") ~= nil -- old-style `tar xzf -`
  end
  return false
end

local function shell_has_pipefail(ins)
  for _, w in ipairs(ins.shell or {}) do
    if w == "pipefail" or w:find("pipefail", 1, true) then return true end
  end
  return false
end

local function sets_pipefail(c)
  if c.name ~= "set" then return false end
  for _, w in ipairs(c.argv) do
    if w == "pipefail" then return true end
  end
  return false
end

return {
  title    = "Pipe in RUN without pipefail",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL4006", "DS-0032", "efbf148a-67e9-42d2-ac47-02fa1c0d0b22" },
  params   = {
    producers = {
      type = "list",
      default = NETWORK,
      description = "commands whose failure in a pipe is reported (\"*\" for every command, as hadolint does)",
    },
  },
  help     = [[
A pipeline's exit status is that of its last command. In
`RUN curl -fsSL https://example.com/versions.txt | sort -V | tail -n 1 > /tmp/version`, a
failed download still lets the `RUN` succeed, and the build goes on with an empty file. Set `pipefail` so
that any failing stage fails the build: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`
before the `RUN`, or `set -o pipefail &&` at its start (in shells that support it:
bash, ash/busybox, and dash 0.5.11+).

By default only pipes fed by a command that reaches the network (`curl`, `wget`, `git`,
`aws`, ... — parameter `producers`) are reported: that is where failures are common and
a silent one ships a broken image. hadolint reports every pipe; set `producers` to
`["*"]` for that.

Not flagged: a `SHELL` with `pipefail`; a `set -o pipefail` (or `set -euo pipefail`)
earlier in the same `RUN`; pipes whose producer cannot fail (`echo`, `printf`, `yes`);
pipes into a consumer that fails by itself on empty or truncated input (`sha256sum -c`,
`tar -z`/`-J`/`-j`, `gunzip`, `grep` without `-v`/`-c`, `gpg --import`/`--dearmor`, `apt-key add`); pipes inside a
command substitution `$( )`, whose status is discarded; exec-form `RUN`; Windows
shells.
]],
  check = function(df, report, params)
    local list = (params and params.producers) or NETWORK
    local wanted, any = {}, false
    for _, p in ipairs(list) do
      if p == "*" then any = true else wanted[p] = true end
    end
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ins.form ~= "exec" and ins.posix ~= false
          and not shell_has_pipefail(ins) then
        local on = false
        local cmds = commands.all(ins)
        for i, c in ipairs(cmds) do
          if sets_pipefail(c) then on = true end
          -- a pipe inside $( ) feeds a value whose status is discarded anyway
          if not on and c.op == "|" and not SAFE[c.name] and (any or wanted[c.name]) and (c.subst or 0) == 0
              and not verifying(cmds[i + 1]) then
            report { message = c.name .. " is piped without pipefail: its failure would not fail the build",
                     at = c }
            break
          end
        end
      end
    end
  end,
}
