return {
  title = "apt-get install without -y in the final stage", severity = "medium",
  input = "dockerfile",
  check = function(df, report)
    for cmd in df.final:commands("apt-get", "install") do
      if not cmd:has_flag("-y", "--yes", "--assume-yes") then
        report { message = "apt-get install would wait for an answer; add -y", at = cmd }
      end
    end
  end,
}
