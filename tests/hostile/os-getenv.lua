-- os-getenv.lua — reads a secret from the environment.
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    report { message = os.getenv("PL_CANARY_SECRET") }
  end,
}
