-- copy-from-unknown-stage: COPY --from a name that is no stage pulls an image of that
-- name instead, usually a typo.
return {
  title    = "COPY --from names no earlier stage",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3022", "DS-0018", "AVD-DS-0018" },
  help     = [[
`COPY --from=<name>` first looks for a stage called `<name>`; when there is none, it
pulls the image `<name>:latest` from Docker Hub. A typo (`--from=biuld`) therefore
does not fail: it downloads an unrelated, unpinned image, or fails later with a
confusing "pull access denied". A numeric `--from` must name an earlier stage.

Flagged: a numeric index that is not an earlier stage, and a bare name (no tag, digest,
registry or path) that no stage has. Not flagged: image references with a tag, digest or
registry (`--from=nginx:1.27`), values from a variable. If you pass the name as a named
build context (`docker buildx build --build-context name=...`), ignore this finding for
that line.
]],
  check = function(df, report)
    local names = {}
    for _, stage in ipairs(df.stages) do
      if stage.name then names[stage.name:lower()] = stage.index end
    end
    for _, stage in ipairs(df.stages) do
      for _, ins in ipairs(stage.instructions or {}) do
        local from = (ins.cmd == "copy" or ins.cmd == "add") and ins.flags and ins.flags.from
        if type(from) == "string" and not from:find("$", 1, true) then
          if from:match("^%d+$") then
            local n = tonumber(from)
            if n > stage.index - 1 then
              report { message = "COPY --from=" .. from .. " is not an earlier stage (stages count from 0)", at = ins }
            end
          elseif not from:find("[:/@.]") and not names[from:lower()] then
            report { message = "no stage is named " .. from .. ": BuildKit will pull the image "
                               .. from .. ":latest instead", at = ins }
          end
        end
      end
    end
  end,
}
