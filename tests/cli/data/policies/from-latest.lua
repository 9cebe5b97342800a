-- from-latest: a test rule for the CLI tests; FROM with the tag "latest".
return {
  title    = "FROM uses the latest tag",
  severity = "medium",
  input    = "dockerfile",
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "from" and ins.value:match(":latest") then
        report { message = "pin a version instead of latest", at = ins }
      end
    end
  end,
}
