-- pip-package-unpinned: pip install of a bare package name takes whatever was last
-- published to the index, including a compromised or breaking release.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

local VALUE_FLAGS = { "-r", "--requirement", "-c", "--constraint", "-e", "--editable",
  "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target",
  "--prefix", "--root", "--trusted-host", "--python", "--platform", "--python-version",
  "--implementation", "--abi", "--progress-bar", "--cache-dir", "--src", "--no-binary",
  "--only-binary", "--global-option", "--config-settings", "-C", "--log", "--proxy",
  "--timeout", "--retries", "--upgrade-strategy", "--report", "--exists-action",
  "--keyring-provider", "--cert", "--client-cert", "--use-feature", "--use-deprecated" }

local function pinned(w)
  -- any version specifier or a direct reference (name @ url) is a deliberate choice
  return w:find("[=<>~!@]") ~= nil
end

local function artifact(w)
  local l = w:lower()
  return pkg.is_path_or_url(w) or l:match("%.whl$") or l:match("%.tar%.gz$")
      or l:match("%.zip$") or l:match("%.tgz$")
end

return {
  title    = "pip package installed without a version",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3013", "02d9c71f-3ee8-4986-9c27-1a20d0d19bfc" },
  help     = [[
`pip install requests` installs the newest release on the index at build time: two
builds of one commit can differ, and a hijacked or broken release lands in your image
unreviewed. PyPI keeps every release, so pinning costs nothing. Pin `name==version`,
or install from a requirements file (`-r`, ideally with hashes) or with a constraints
file (`-c`).

Not flagged: any version specifier (`==`, `~=`, `>=`, ...), `name @ url`, `-r`/`-c`
files, local paths, wheels and archives, `--no-index` installs from a local directory,
`pipx`, and words that come from a variable.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" then
        for _, cmd in ipairs(commands.all(ins)) do
          local argv = pkg.pip_argv(cmd)
          if argv then
            local pos = commands.positional(argv, VALUE_FLAGS)
            if pos[1] == "install" and not commands.argv_has_flag(argv, "-c", "--constraint", "--no-index") then
              local list = {}
              for i = 2, #pos do
                local w = pos[i]
                if not commands.is_variable(w) and not pinned(w) and not artifact(w) then
                  list[#list + 1] = w
                end
              end
              if #list > 0 then
                report { message = "pip install without a version for " .. table.concat(list, ", ")
                                   .. " (pin with name==version or use a requirements file)", at = cmd }
              end
            end
          end
        end
      end
    end
  end,
}
