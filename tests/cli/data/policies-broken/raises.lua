-- raises: a test rule that always fails, to check one rule's error spares the others.
return {
  title    = "Always raises",
  severity = "high",
  input    = "dockerfile",
  check = function(df, report)
    error("deliberate failure in a test rule")
  end,
}
