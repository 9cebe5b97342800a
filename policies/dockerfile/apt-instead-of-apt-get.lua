-- apt-instead-of-apt-get: apt is the interactive front end; its output and behaviour
-- are not a stable interface for scripts.
return {
  title    = "apt used in a build script",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3027", "CKV_DOCKER_9", "b84a0b47-2e99-4c9f-8933-98bcabe2b94d" },
  help     = [[
`apt` is meant for people at a terminal: it prints "WARNING: apt does not have a stable
CLI interface. Use with caution in scripts.", shows progress bars, and its defaults may
change between releases. In a Dockerfile use `apt-get` (and `apt-cache` for queries).

Only a command named `apt` is flagged, not the word in an argument or a path.
]],
  check = function(df, report)
    for cmd in df:commands("apt") do
      local ins = cmd.instruction
      if ins == nil or ins.cmd == "run" then
        local sub = cmd:args()[1]
        report { message = "apt " .. (sub or "") .. " in a build script: use apt-get (or apt-cache)", at = cmd }
      end
    end
  end,
}
