-- image-user-root: an image whose config names no user, or root, starts its process
-- as uid 0.
local function loc(doc)
  return doc.config
end

return {
  title    = "Image runs as root",
  severity = "high",
  input    = "image",
  aliases  = { "CIS-DI-0001", "DS-0002", "AVD-DS-0002", "CIS-4.1" },
  help     = [[
The `User` field of the image configuration decides who the container's process runs as.
Empty or absent means root, as do `root` and uid `0` (with or without a group). Rebuild
the image with a `USER` instruction naming an unprivileged user (preferably by numeric
uid, so `runAsNonRoot` checks can verify it).

Before (`config` of the image):

```json
{ "User": "" }
```

After:

```json
{ "User": "10001:10001" }
```
]],
  check = function(doc, report)
    local u = doc.user
    local value = u and u.value or ""
    if value == "" then
      local at = loc(doc)
      if at then
        report { message = "the image config sets no User, so the container runs as root", at = at }
      else
        report { message = "the image has no config, so the container runs as root" }
      end
      return
    end
    local name = value:match("^([^:]*)")
    if name == "root" or name == "0" then
      report { message = "the image config runs as " .. value .. "; use an unprivileged user", at = u }
    end
  end,
}
