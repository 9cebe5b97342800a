-- add-remote-url: ADD fetching a URL without a checksum trusts whatever the server
-- returns on the day of the build.
-- A git source pinned to a full commit id cannot change.
local function pinned_git(src)
  local ref = src:match("#([^:]+)")
  return ref ~= nil and ref:match("^%x+$") ~= nil and #ref == 40
end

return {
  title    = "ADD downloads a URL without --checksum",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "4b410d24-1cbe-4430-a632-62c9a931cf1c", "CKV_DOCKER_4", "CIS-DI-0009", "CIS-4.9" },
  help     = [[
`ADD https://...` downloads at build time and puts whatever the server sent into the
image: a compromised or changed upstream changes your image without any diff in your
repository. Pin the content with `ADD --checksum=sha256:...` (BuildKit, Dockerfile
syntax 1.6+), or download with `curl` and verify a checksum in the same `RUN`. Git
sources (`ADD https://host/repo.git#ref`) are accepted when pinned to a full commit id.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "add" and not (ins.flags and ins.flags.checksum) then
        local args = ins.args or {}
        for i = 1, #args - 1 do
          local src = pl.unquote(args[i])
          if (src:match("^https?://") or src:match("^git@") or src:match("^git://"))
              and not pinned_git(src) then
            report { message = "ADD fetches " .. src .. " without --checksum; pin its content", at = ins }
            break
          end
        end
      end
    end
  end,
}
