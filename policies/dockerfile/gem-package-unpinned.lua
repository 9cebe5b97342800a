-- gem-package-unpinned: gem install of a bare gem name takes the newest release.
local commands = require("plimsoll.commands")
local pkg = require("plimsoll.pkg")

local VALUE_FLAGS = { "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s",
  "--source", "--platform", "-P", "--trust-policy", "-g", "--file", "--build-root" }

return {
  title    = "gem installed without a version",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3028", "22cd11f7-9c6c-4f6e-84c0-02058120b341" },
  help     = [[
`gem install rails` installs the newest release on rubygems.org at build time: two
builds of one commit can differ, and a compromised release lands in your image
unreviewed. Pin with `-v` (`gem install rails -v 7.2.1`) or `name:version`, or install
the application's gems from its `Gemfile.lock` with `bundle install`.

Not flagged: `-v`/`--version`, `name:version`, local `.gem` files and paths, and words
that come from a variable.
]],
  check = function(df, report)
    for cmd in df:commands("gem", "install") do
      if not cmd:has_flag("-v", "--version") then
        local list = {}
        local pos = cmd:args(VALUE_FLAGS)
        for i = 2, #pos do
          local w = pos[i]
          if not commands.is_variable(w) and not w:find(":", 1, true) and not w:match("%.gem$")
              and not pkg.is_path_or_url(w) then
            list[#list + 1] = w
          end
        end
        if #list > 0 then
          report { message = "gem install without a version for " .. table.concat(list, ", ")
                             .. " (pin with -v or name:version)", at = cmd }
        end
      end
    end
  end,
}
