-- ownership-labels: every image says who owns it, so that a vulnerability found in
-- production reaches a team the same day.
local REQUIRED = {
  { key = "org.opencontainers.image.authors", what = "a contact address" },
  { key = "com.acme.team", what = "the owning team" },
}

-- The LABEL keys set in a stage or inherited from the stages it is built FROM.
local function labels_of(df, stage, seen)
  seen = seen or {}
  local keys = {}
  if seen[stage.index] then
    return keys
  end
  seen[stage.index] = true
  local base = stage.from and stage.from.stage
  if base and base > 0 and df.stages[base] then
    keys = labels_of(df, df.stages[base], seen)
  end
  for _, ins in ipairs(stage.instructions) do
    if ins.cmd == "label" then
      for _, pair in ipairs(ins.pairs) do
        if pair.value ~= nil and pair.value ~= "" then
          keys[pair.key] = true
        end
      end
    end
  end
  return keys
end

return {
  title    = "Image without ownership labels",
  severity = "medium",
  input    = "dockerfile",
  preset   = "default",
  aliases  = {},
  help     = [[
The final stage must set the labels that tell who owns the image:

- `org.opencontainers.image.authors`: a contact address;
- `com.acme.team`: the owning team, as named in the service catalogue.

A label set in a stage the final stage is built `FROM` counts.

```dockerfile
LABEL org.opencontainers.image.authors="payments@acme.example" \
      com.acme.team="payments"
```
]],
  check = function(df, report)
    local final = df.stages[#df.stages]
    if not final then
      return
    end
    local have = labels_of(df, final)
    for _, label in ipairs(REQUIRED) do
      if not have[label.key] then
        report {
          message = "the final stage sets no LABEL " .. label.key .. " (" .. label.what .. ")",
          at = final.from or final,
        }
      end
    end
  end,
}
