-- base-image-digest: a tag is a name that can be moved; only a digest names one image.
return {
  title    = "Base image not pinned by digest",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = {},
  help     = [[
`FROM python:3.12-slim` names whatever the registry serves under that tag today. Tags are
moved on every patch release, and a compromised registry account can move them to
anything. A digest (`@sha256:...`) names exactly one image: the build is reproducible
and what was reviewed is what is built. Pair it with a bot (Renovate, Dependabot) that
proposes digest updates, so pinning does not mean never patching.

No peer scanner checks this (trivy, dockle, checkov and KICS all stop at `:latest`).

Not flagged: `scratch`, earlier stages used as bases, and references whose value comes
from an `ARG` that cannot be decided (the digest may be in the build argument). Every
external `FROM` is checked, build stages included: an unpinned builder changes what
gets compiled into the image just as much.
]],
  check = function(df, report)
    for _, stage in ipairs(df.stages) do
      local ref = stage.from
      if ref and not ref.scratch and not (ref.stage and ref.stage > 0)
          and ref.expanded ~= nil and not ref.expanded:find("$", 1, true)
          and ref.digest == nil then
        report { message = "base image " .. ref.expanded .. " is not pinned by digest (@sha256:...)",
                 at = ref }
      end
    end
  end,
}
