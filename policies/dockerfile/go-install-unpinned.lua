-- go-install-unpinned: go install pkg@latest (or a branch) builds whatever was pushed
-- last.
local FLOATING = { latest = true, master = true, main = true, HEAD = true, upgrade = true,
  patch = true, trunk = true, develop = true }
local VALUE_FLAGS = { "-o", "-C", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod",
  "-p", "-modfile", "-overlay", "-pkgdir", "-toolexec", "-buildmode", "-compiler",
  "-installsuffix", "-pgo" }

return {
  title    = "go install of a floating version",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3062" },
  help     = [[
`go install example.com/tool@latest` builds whatever the module's newest tag (or
branch head) is at build time: two builds of one commit can differ, and a compromised
release lands in your image unreviewed. Pin a version: `@v1.2.3` or a commit.

Unlike hadolint, a `go install` without `@version` is not flagged: inside a module it
builds the version `go.mod` requires (pinned by `go.sum`), and outside one it fails.
Local packages (`./cmd/...`) and words that come from a variable are not flagged.
]],
  check = function(df, report)
    for cmd in df:commands("go", "install") do
      local pos = cmd:args(VALUE_FLAGS)
      local list = {}
      for i = 2, #pos do
        local w = pos[i]
        local version = w:match("@([^@]*)$")
        if version and not w:find("$", 1, true) and (version == "" or FLOATING[version]) then
          list[#list + 1] = w
        end
      end
      if #list > 0 then
        report { message = "go install of " .. table.concat(list, ", ")
                           .. " floats; pin @vX.Y.Z or a commit", at = cmd }
      end
    end
  end,
}
