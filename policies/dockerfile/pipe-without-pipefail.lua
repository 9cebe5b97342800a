-- pipe-without-pipefail: in `curl ... | tar x`, a failed download is hidden: the RUN
-- succeeds with whatever tar made of nothing.
local pkg = require("pkg")

-- Producers that cannot fail in a way worth catching.
local SAFE = { echo = true, printf = true, yes = true, ["true"] = true }

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
  help     = [[
A pipeline's exit status is that of its last command. In
`RUN curl -fsSL https://example.com/x.tar.gz | tar -xz`, a failed download still
lets the `RUN` succeed, and the image is built without the file. Set `pipefail` so
that any failing stage fails the build: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`
before the `RUN`, or `set -o pipefail &&` at its start (in shells that support it:
bash, ash/busybox, and dash 0.5.11+).

Not flagged: a `SHELL` with `pipefail`; a `set -o pipefail` (or `set -euo pipefail`)
earlier in the same `RUN`; pipes whose producer cannot fail (`echo`, `printf`, `yes`);
exec-form `RUN`; Windows shells.

Before:

```dockerfile
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

After:

```dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ins.form ~= "exec" and ins.posix ~= false
          and not shell_has_pipefail(ins) then
        local on = false
        for _, c in ipairs(pkg.commands(ins)) do
          if sets_pipefail(c) then on = true end
          if not on and c.op == "|" and not SAFE[c.name] then
            report { message = c.name .. " is piped without pipefail: its failure would not fail the build",
                     at = c }
            break
          end
        end
      end
    end
  end,
}
