-- w-pass.lua — a witness that passes, and does some pattern work of its own.
return {
  title = "witness", severity = "info", input = "dockerfile",
  check = function(df, report)
    local n = 0
    for ins in df:each("RUN") do
      for _ in ins.raw:gmatch("%S+") do n = n + 1 end
    end
    if n < 0 then report { message = "impossible" } end
  end,
}
