-- acme.registries: where ACME's base images may come from. One list for every rule
-- that judges an image reference; a change here is one reviewed commit.
local M = {}

M.approved = {
  ["registry.acme.example"] = true,   -- the scanned mirror of Docker Hub and others
  ["builds.acme.example"] = true,     -- images ACME builds itself
}

-- True when ref (a FROM reference of the model) comes from an approved registry.
function M.is_approved(ref)
  return ref.registry ~= nil and M.approved[ref.registry] == true
end

return M
