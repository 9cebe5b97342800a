-- base-image-registry: base images come only from registries the team trusts.
local DEFAULT = { "docker.io", "gcr.io", "ghcr.io", "quay.io", "mcr.microsoft.com",
                  "public.ecr.aws", "registry.k8s.io", "cgr.dev" }

local function allowed(list, registry)
  for _, r in ipairs(list) do
    -- "*.example.com" and "registry.example.com" both work, and a registry with a path
    -- prefix ("registry.example.com/team") allows only that prefix (see below)
    if r == registry or pl.glob(r, registry) then return true end
  end
  return false
end

return {
  title    = "Base image from a registry outside the allowlist",
  severity = "medium",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = { "DL3026", "CIS-4.2" },
  params   = {
    registries = {
      type = "list",
      default = DEFAULT,
      description = "registries base images may come from (host names, globs such as *.corp.example allowed; docker.io is what an image without a registry means)",
    },
  },
  help     = [[
Every base image is code you run and ship. Pulling from an arbitrary registry skips the
scanning, mirroring and access control that the registries you trust provide, and a
typo-squatted host (`docker.io` vs `dockerio.example`) is one character away. Set
`registries` to the registries your organisation approves, typically its own mirror.

The default allows the large public registries (`docker.io`, `gcr.io`, `ghcr.io`,
`quay.io`, `mcr.microsoft.com`, `public.ecr.aws`, `registry.k8s.io`, `cgr.dev`), so out
of the box the rule only flags private or unusual hosts; it is in the `strict` preset
because the useful setting is your own list. Patterns are globs on the registry host
(`*.dkr.ecr.eu-west-1.amazonaws.com`). hadolint's `DL3026` (with `trustedRegistries`)
checks the same.

Not flagged: `scratch`, earlier stages, references built from an `ARG` with no known
value.
]],
  check = function(df, report, params)
    local list = params.registries
    for _, stage in ipairs(df.stages) do
      local ref = stage.from
      if ref and not ref.scratch and not (ref.stage and ref.stage > 0)
          and ref.expanded ~= nil and not ref.expanded:find("$", 1, true)
          and ref.registry and not allowed(list, ref.registry) then
        report { message = "base image " .. ref.expanded .. " comes from " .. ref.registry
                           .. ", which is not an allowed registry", at = ref }
      end
    end
  end,
}
