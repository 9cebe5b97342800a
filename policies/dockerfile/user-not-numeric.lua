-- user-not-numeric: a user name in the final USER cannot be checked by the platform
-- that runs the image; a numeric UID can.
return {
  title    = "Final USER is a name, not a numeric UID",
  severity = "info",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3066" },
  help     = [[
Kubernetes' `runAsNonRoot` (and similar admission policies) can only verify that an
image does not run as root when its user is numeric: with `USER app`, the kubelet
refuses to start the pod ("image has non-numeric user, cannot verify user is
non-root") unless `runAsUser` is set. A name also depends on the image's
`/etc/passwd`. Use the UID (the name can stay in a comment).

Only the `USER` in effect in the final stage is checked (as hadolint does since 2.15.1);
`root` is left to `final-user-root`; values from a variable and Windows images
(`USER ContainerUser`) are not flagged. In the
`strict` preset: it matters only where such policies are enforced.
]],
  check = function(df, report)
    local user = df.final and df.final.user
    if user == nil or user.name == nil then return end
    local name = user.name
    local raw = user.value or ""
    -- Windows images name their users (ContainerUser); runAsNonRoot does not apply
    if user.posix == false then return end
    if name:match("^%d+$") or name == "root" or name:find("$", 1, true) or raw:find("$", 1, true) then
      return
    end
    report { message = "USER " .. name .. " is a name; use its numeric UID so that runAsNonRoot can verify it",
             at = user }
  end,
}
