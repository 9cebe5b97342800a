-- shell-changed-with-ln: relinking /bin/sh changes the shell for every later RUN and
-- for anything in the image that calls /bin/sh, invisibly.
return {
  title    = "Default shell replaced with ln",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL4005", "8a301064-c291-4b20-adcb-403fe7fd95fd" },
  help     = [[
`ln -sf /bin/bash /bin/sh` changes what `/bin/sh` is for the rest of the build *and*
for every script in the image that expects a POSIX `sh`, and nothing in the Dockerfile
shows it. To run `RUN` instructions with another shell, use the `SHELL` instruction.
]],
  check = function(df, report)
    for cmd in df:commands("ln") do
      local args = cmd:args()
      local target = args[#args]
      if #args >= 2 and (target == "/bin/sh" or target == "/usr/bin/sh") then
        report { message = "ln replaces " .. target .. "; use the SHELL instruction", at = cmd }
      end
    end
  end,
}
