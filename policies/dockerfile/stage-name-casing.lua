-- stage-name-casing: stage names are matched case-insensitively; mixed case invites
-- references that look different from the definition.
return {
  title    = "Stage name not lowercase",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "StageNameCasing" },
  help     = [[
Stage names are case-insensitive (`--target Build` and `COPY --from=build` both find
`AS Build`), and image references must be lowercase. BuildKit warns about stage names
with capitals; write them in lowercase so that every reference looks like the
definition.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      if stage.name and stage.name ~= stage.name:lower() and not stage.name:find("$", 1, true) then
        report { message = "stage name " .. stage.name .. " should be lowercase", at = stage }
      end
    end
  end,
}
