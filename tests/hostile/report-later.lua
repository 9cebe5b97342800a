-- report-later.lua — keeps the report function of one check and calls it during the
-- next one (another document's call): it must refuse.
local saved
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    if saved then saved { message = "from an earlier call" } end
    saved = report
  end,
}
