-- run-cd: cd inside RUN hides where later commands run; WORKDIR says it once.
return {
  title    = "cd in RUN instead of WORKDIR",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3003", "DS-0013", "AVD-DS-0013", "f4a6bcd3-e231-4acf-993c-aa027be50d2e" },
  help     = [[
`RUN cd /app && make` works, but the directory change is invisible outside that `RUN`,
and `RUN cd /app` on its own does nothing at all. `WORKDIR /app` sets the directory for
every following instruction and documents it. In the `strict` preset: `cd` within one
`RUN` is harmless and often the clearest way to build in a scratch directory.

Not flagged: `cd` inside a subshell `( cd x && make )` or `$( )`, and `cd -`.
]],
  check = function(df, report)
    for cmd in df:commands("cd") do
      local ins = cmd.instruction
      if (ins == nil or ins.cmd == "run") and (cmd.subst or 0) == 0 and (cmd.depth or 0) == 0
          and cmd.argv[2] ~= "-" and cmd.wrapper == nil then
        report { message = "cd in RUN: use WORKDIR " .. (cmd.argv[2] or "") , at = cmd }
      end
    end
  end,
}
