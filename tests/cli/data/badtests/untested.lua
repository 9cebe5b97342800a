-- untested: a rule with no fixtures, which `plimsoll test` lists as untested.
return {
  title    = "Never fires",
  severity = "info",
  input    = "dockerfile",
  check = function(df, report) end,
}
