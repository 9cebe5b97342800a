-- stages: prints what it sees and reports nothing (check --verbose shows the print)
return {
  title = "Prints the number of stages", severity = "info", input = "dockerfile",
  check = function(df, report)
    print("stages:", #df.stages)
  end,
}
