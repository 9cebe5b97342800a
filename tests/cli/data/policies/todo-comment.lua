-- todo-comment: a test rule for the CLI tests; an info finding per TODO comment.
return {
  title    = "TODO left in a comment",
  severity = "info",
  input    = "dockerfile",
  check = function(df, report)
    for _, c in ipairs(df.comments) do
      if c.text:find("TODO", 1, true) then
        report { message = "a TODO is left here", at = c }
      end
    end
  end,
}
