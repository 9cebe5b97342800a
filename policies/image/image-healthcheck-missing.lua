-- image-healthcheck-missing: the image config carries no health check.
return {
  title    = "Image has no health check",
  severity = "low",
  input    = "image",
  preset   = "strict",
  aliases  = { "CIS-DI-0006", "DS-0026", "AVD-DS-0026", "CIS-4.6" },
  help     = [[
The image configuration has no `Healthcheck`, so Docker can only tell that the process
exists, not that it works. Add a `HEALTHCHECK` to the Dockerfile that builds it. A
`Healthcheck` whose test is `["NONE"]` records an explicit decision and passes.

Before (`config` of the image): no `Healthcheck` key.

After:

```json
{ "Healthcheck": { "Test": ["CMD", "/app", "health"], "Interval": 30000000000 } }
```
]],
  check = function(doc, report)
    if doc.healthcheck ~= nil then return end
    if doc.config then
      report { message = "the image config has no Healthcheck", at = doc.config }
    else
      report { message = "the image has no config, so no Healthcheck" }
    end
  end,
}
