-- duplicate-stage-name: two stages with one name make every reference to it ambiguous.
return {
  title    = "Stage name used twice",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3024", "DuplicateStageName", "DS-0012", "AVD-DS-0012", "CKV_DOCKER_11",
               "f2daed12-c802-49cd-afed-fe41d0b82fed" },
  help     = [[
Stage names (`FROM ... AS name`) are case-insensitive and must be unique: BuildKit
rejects a duplicate, and older builders silently use one of the two for `COPY --from`
and `--target`. Rename one of them. The finding points at the second definition.
]],
  check = function(df, report)
    local seen = {}
    for _, stage in ipairs(df.stages) do
      if stage.name then
        local key = stage.name:lower()
        local first = seen[key]
        if first then
          report { message = string.format("stage name %s is already used on line %d", stage.name, first.line),
                   at = stage }
        else
          seen[key] = stage
        end
      end
    end
  end,
}
