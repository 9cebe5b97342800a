-- apt-get-missing-yes: without -y, apt-get asks for confirmation; in a build there is
-- nobody to answer, so it aborts (or hangs with a tty).

-- -qq (quiet level 2) implies -y, as does -o APT::Get::Assume-Yes=true.
local function implies_yes(cmd)
  for _, w in ipairs(cmd.argv or {}) do
    if w == "-q=2" or w == "--quiet=2" or w:match("^%-[%a]*q[%a]*q") then return true end
    local l = w:lower()
    if l:find("apt::get::assume%-yes=") and (l:find("=true") or l:find("=1") or l:find("=yes")) then
      return true
    end
  end
  return false
end

local function has_variable(cmd)
  for i = 2, #(cmd.argv or {}) do
    if cmd.argv[i]:sub(1, 1) == "$" then return true end
  end
  return false
end

return {
  title    = "apt-get install without -y",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3014", "DS-0021", "AVD-DS-0021", "77783205-c4ca-4f80-bb80-c777f267c547" },
  help     = [[
`apt-get install` asks "Do you want to continue? [Y/n]" when it installs more than was
named. A build has no one to answer, so the command aborts, or behaves differently
depending on what the base image already contains. Pass `-y` (also accepted: `--yes`,
`--assume-yes`, `-qq`, `-o APT::Get::Assume-Yes=true`).

Commands whose options come from a variable (`apt-get install $APT_OPTS curl`) are not
flagged: the variable may hold `-y`.
]],
  check = function(df, report)
    for _, tool in ipairs { "apt-get", "apt" } do
      for cmd in df:commands(tool, "install") do
        if not cmd:has_flag("-y", "--yes", "--assume-yes") and not implies_yes(cmd)
            and not has_variable(cmd) then
          report { message = tool .. " install without -y: the build cannot answer its prompt", at = cmd }
        end
      end
    end
  end,
}
