-- curl-pipe-shell: `curl URL | sh` runs whatever the server sends, unverified, and a
-- truncated download runs half a script.
local risky = require("plimsoll.risky")

return {
  title    = "Download piped into a shell",
  severity = "high",
  input    = "dockerfile",
  aliases  = {},
  help     = [[
`curl https://... | sh` executes whatever the server returns at build time, with no
checksum or signature: a compromised host, a hijacked DNS name or a changed script
changes your image silently. If the connection drops, the shell runs a truncated script.
The same holds for `sh -c "$(curl ...)"`, `bash <(curl ...)` and piping into an
interpreter (`| python3 -`).

Download to a file, verify a pinned checksum (or a signature), then run it.

Not flagged: downloads piped into other programs (`| tar -xz`, `| gpg --dearmor`), or
into an interpreter that runs its own code (`| python3 -c '...'`).
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local cmds = ins.commands or {}
      for i, c in ipairs(cmds) do
        local fetcher, program = risky.pipe_to_program(cmds, i)
        if fetcher then
          report { message = fetcher .. " output piped into " .. program
                             .. ": the download runs unverified", at = c }
        end
        local f, shell = risky.runs_fetched_script(c)
        if f then
          report { message = shell .. " runs the output of " .. f .. " unverified", at = c }
        end
      end
    end
  end,
}
