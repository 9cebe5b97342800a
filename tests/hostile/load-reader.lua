-- load-reader.lua — gives load a reader function (streams are not text strings).
return {
  title = "hostile", severity = "high", input = "dockerfile",
  check = function(df, report)
    local parts, i = { "return ", "os" }, 0
    local f, err = load(function() i = i + 1; return parts[i] end)
    if not f then error(err, 0) end
    f().execute("touch /tmp/plimsoll-hostile-created")
  end,
}
