-- copy-from-own-stage: COPY --from cannot read from the stage it is in.
return {
  title    = "COPY --from names its own stage",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL3023", "DS-0006", "AVD-DS-0006", "cdddb86f-95f6-4fc4-b5a1-483d9afceb2b" },
  help     = [[
`COPY --from=<stage>` copies from the result of another stage. A stage cannot copy from
itself: the build fails with a circular dependency. Usually the wrong name was typed,
or a stage was renamed. Copy within a stage with `RUN cp`, or name the right stage.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      for _, ins in ipairs(stage.instructions or {}) do
        local from = (ins.cmd == "copy" or ins.cmd == "add") and ins.flags and ins.flags.from
        if type(from) == "string" then
          local own = (stage.name and from:lower() == stage.name:lower())
                      or (from:match("^%d+$") and tonumber(from) == stage.index - 1)
          if own then
            report { message = "COPY --from=" .. from .. " names the stage it is in", at = ins }
          end
        end
      end
    end
  end,
}
