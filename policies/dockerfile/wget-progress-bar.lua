-- wget-progress-bar: wget's default progress output floods build logs.
-- -qO- (quiet, output to stdout) is one word that has_flag does not split
local function quiet_cluster(cmd)
  for i = 2, #cmd.argv do
    if cmd.argv[i]:match("^%-%a*q") then return true end
  end
  return false
end

return {
  title    = "wget without a quiet or compact progress option",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3047" },
  help     = [[
Without a terminal, `wget` prints a progress line every few kilobytes: a large download
adds thousands of lines to the build log and can hit CI log limits. Pass `-q`, `-nv`
(`--no-verbose`) or `--progress=dot:giga`. In the `strict` preset: it is log hygiene,
not a property of the image.
]],
  check = function(df, report)
    for cmd in df:commands("wget") do
      local ins = cmd.instruction
      if (ins == nil or ins.cmd == "run")
          and not quiet_cluster(cmd) and not cmd:has_flag("-q", "--quiet", "-nv", "--no-verbose", "--progress", "-o", "--output-file", "-a", "--append-output") then
        report { message = "wget without -q, -nv or --progress floods the build log", at = cmd }
      end
    end
  end,
}
