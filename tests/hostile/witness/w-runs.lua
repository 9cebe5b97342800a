-- w-runs.lua — a witness: one finding per RUN instruction, located.
return {
  title = "witness", severity = "medium", input = "dockerfile",
  check = function(df, report)
    for ins in df:each("RUN") do report { message = "run at " .. ins.line, at = ins } end
  end,
}
