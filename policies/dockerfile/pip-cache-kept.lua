-- pip-cache-kept: pip keeps every wheel it downloads in ~/.cache/pip, which then ships
-- in the layer.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")
local stages = require("plimsoll.stages")

local CACHE = { "/root/.cache", "*/.cache/pip" }
local REMOVED = { "/root/.cache", "~/.cache", "$HOME/.cache", "${HOME}/.cache" }

-- PIP_NO_CACHE_DIR set by ENV or ARG in the stage (or a stage it is built FROM) before
-- the RUN, or `pip config set global.no-cache-dir`.
local function disabled_before(df, ins)
  for _, stage in ipairs(stages.chain(df, df.stages[ins.stage])) do
    for _, other in ipairs(stage.instructions or {}) do
      if other.index >= ins.index then break end
      if other.cmd == "env" or other.cmd == "arg" then
        for _, p in ipairs(other.pairs or {}) do
          if p.key == "PIP_NO_CACHE_DIR" and p.value ~= nil and p.value ~= "" then return true end
        end
      elseif other.cmd == "run" and (other.raw or ""):find("no-cache-dir", 1, true)
          and (other.raw or ""):find("config", 1, true) then
        return true
      end
    end
  end
  return false
end

return {
  title    = "pip install keeps its download cache",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3042", "f2f903fb-b977-461e-98d7-b3e2185c6118" },
  help     = [[
pip caches every downloaded wheel and source archive in `~/.cache/pip`. In an image
that cache is never used again but ships in the layer, often tens or hundreds of MB.
Pass `--no-cache-dir`, set `PIP_NO_CACHE_DIR=1`, or mount a BuildKit cache on it.

Not flagged: `--no-cache-dir`; `PIP_NO_CACHE_DIR` set by `ENV` or `ARG` earlier in the
stage (or in the stage it is built `FROM`) or on the command itself; `pip config set
global.no-cache-dir`; a `--mount=type=cache` (or `tmpfs`) on `~/.cache/pip` or
`/root/.cache`; a `RUN` that also deletes `/root/.cache`; `--no-index` installs from
local wheels (nothing is downloaded); `pipx`; stages whose layers do
not ship in the final image (a builder stage whose virtualenv is copied over).
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not pkg.mounted(ins, CACHE)
          and not (ins.raw or ""):find("PIP_NO_CACHE_DIR", 1, true) then
        local installs, cleaned = {}, false
        for _, c in ipairs(commands.all(ins)) do
          local argv = pkg.pip_argv(c)
          if argv and commands.positional(argv, { "-r", "-c", "-e", "-i", "--index-url", "-t", "--target",
                                             "--extra-index-url", "-f", "--find-links", "--prefix",
                                             "--root", "--trusted-host" })[1] == "install"
              and not commands.argv_has_flag(argv, "--no-cache-dir", "--no-cache", "--no-index") then
            installs[#installs + 1] = c
          end
          if commands.removes(c, REMOVED) then cleaned = true end
        end
        if #installs > 0 and not cleaned and not disabled_before(df, ins) then
          for _, c in ipairs(installs) do
            report { message = "pip install without --no-cache-dir keeps its cache in the layer", at = c }
          end
        end
      end
    end
  end,
}
