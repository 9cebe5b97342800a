-- A test rule with parameters: more RUN instructions than max_runs, or a forbidden command.
return {
  title    = "Too many RUN instructions",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "TEST-RUNS", "DL9001", "TooManyRuns" },
  params   = {
    max_runs  = { type = "integer", default = 2, description = "RUN instructions allowed per stage" },
    forbidden = { type = "list", default = { "wget" }, description = "commands that must not run" },
    verbose   = { type = "boolean", default = false, description = "name the limit in the message" },
  },
  help     = [[Merge RUN instructions.]],
  check = function(df, report, params)
    for _, stage in ipairs(df.stages) do
      local n = 0
      for _, ins in ipairs(stage.instructions) do
        if ins.cmd == "run" then
          n = n + 1
          if n > params.max_runs then
            local msg = "RUN number " .. n .. " in this stage"
            if params.verbose then msg = msg .. " (at most " .. params.max_runs .. ")" end
            report { message = msg, at = ins }
          end
          for _, cmd in ipairs(ins.commands or {}) do
            for _, bad in ipairs(params.forbidden) do
              if cmd.argv[1] == bad then
                report { message = "forbidden command " .. bad, at = cmd }
              end
            end
          end
        end
      end
    end
  end,
}
