-- healthcheck-missing: without HEALTHCHECK, an orchestrator only knows the process is
-- alive, not that it works.
--
-- The final stage's chain of FROM-stages is searched, since HEALTHCHECK is inherited.
-- HEALTHCHECK NONE is an explicit decision and is respected.
local stages = require("plimsoll.stages")

return {
  title    = "Final stage has no HEALTHCHECK",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3057", "DS-0026", "AVD-DS-0026", "CKV_DOCKER_2",
               "b03a748a-542d-44f4-bb86-9199ab4fd2d5", "CIS-DI-0006", "CIS-4.6" },
  help     = [[
A `HEALTHCHECK` lets Docker and Swarm (and tools that read the image config) tell a
container that is running from one that is working, and restart or stop routing to it.
Add one to the final stage, or write `HEALTHCHECK NONE` to record that the image has
nothing to probe (a batch job, a CLI tool). Kubernetes ignores `HEALTHCHECK`; if the
image only runs there, `HEALTHCHECK NONE` documents that its probes live elsewhere.

Only the final stage is checked, and a `HEALTHCHECK` in a stage it is built `FROM`
counts. A health check set by an external base image cannot be seen from here.
]],
  check = function(df, report)
    local final = df.final
    if final == nil then return end
    for _, stage in ipairs(stages.final_chain(df)) do
      for _, ins in ipairs(stage.instructions or {}) do
        if ins.cmd == "healthcheck" then return end
      end
    end
    report { message = "the final stage has no HEALTHCHECK (write HEALTHCHECK NONE if none applies)", at = final }
  end,
}
