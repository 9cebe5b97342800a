-- reserved-stage-name: "scratch" and "context" have a meaning of their own in FROM and
-- COPY --from.
return {
  title    = "Stage named scratch or context",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3063", "ReservedStageName" },
  help     = [[
`scratch` is the empty base image and `context` the build context in `COPY --from` and
`RUN --mount=from=`. A stage with one of these names is ambiguous: later references may
not mean the stage. Pick another name.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local n = stage.name and stage.name:lower()
      if n == "scratch" or n == "context" then
        report { message = "stage name " .. stage.name .. " is reserved", at = stage }
      end
    end
  end,
}
