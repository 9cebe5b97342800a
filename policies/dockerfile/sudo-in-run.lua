-- sudo-in-run: RUN already runs as the current USER; sudo there means the image
-- carries sudo (and a sudoers policy) for no good reason.
return {
  title    = "sudo used in RUN",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3004", "DS-0010", "AVD-DS-0010", "DKL-DI-0001", "CKV2_DOCKER_1",
               "8ada6e80-0ade-439e-b176-0b28f6bce35a" },
  help     = [[
A `RUN` executes as the user set by the last `USER`. Switching with `sudo` needs `sudo`
installed and configured in the image, where it stays available to anything that gets
into the container, and its tty and environment handling makes builds unpredictable.
Run privileged steps before `USER` drops privileges, or use `USER root` ... `USER app`
around them. To drop privileges at container start, use `gosu` or `su-exec`.

Only a command named `sudo` is flagged, not the word as an argument
(`apt-get install -y sudo` installs it, which this rule leaves to your judgement).
]],
  check = function(df, report)
    for cmd in df:commands("sudo") do
      local ins = cmd.instruction
      if ins == nil or ins.cmd == "run" then
        report { message = "sudo in RUN: order the instruction before USER instead", at = cmd }
      end
    end
  end,
}
