-- base-image-not-minimal: every package of a full distribution image is attack surface
-- and scanner noise that the application never uses.
local stages = require("plimsoll.stages")

-- Images published in a smaller variant too (slim, alpine, -minimal, distroless...).
local IMAGES = {
  "python", "node", "ruby", "perl", "php", "golang", "rust", "openjdk", "eclipse-temurin",
  "amazoncorretto", "debian", "fedora", "buildpack-deps", "httpd", "nginx",
  "redis", "postgres", "haproxy", "memcached", "rabbitmq", "elixir", "erlang",
  "mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime",
  "mcr.microsoft.com/dotnet/runtime-deps", "registry.access.redhat.com/ubi*",
  "registry.redhat.io/ubi*",
}
-- Toolchain images: in a single-stage build, build-tools-in-final reports them.
local TOOLCHAINS = { golang = true, rust = true, ["buildpack-deps"] = true }
-- Words in a tag or repository name that mark a small variant.
local MARKERS = { "slim", "alpine", "minimal", "micro", "distroless", "chiseled", "busybox",
  "nanoserver", "jre", "static" }

-- "python" for docker.io/library/python, "ghcr.io/org/app" otherwise.
local function short_name(ref)
  local repo = ref.repository or ref.image or ""
  if ref.registry == nil or ref.registry == "docker.io" then
    return (repo:gsub("^library/", ""))
  end
  return ref.registry .. "/" .. repo
end

local function any_glob(list, s)
  for _, g in ipairs(list) do
    if pl.glob(g, s) then return true end
  end
  return false
end

local function minimal(name, tag)
  local text = (name .. ":" .. (tag or "")):lower()
  for _, m in ipairs(MARKERS) do
    if text:find(m, 1, true) then return true end
  end
  return false
end

return {
  title    = "Final stage not based on a minimal image",
  severity = "low",
  input    = "dockerfile",
  preset   = "strict",
  aliases  = {},
  params   = {
    images = {
      type = "list",
      default = IMAGES,
      description = "base images (globs on the name without tag; docker.io/library/ dropped) that have a minimal variant",
    },
    allowed = {
      type = "list",
      default = {},
      description = "base images (globs on the reference, e.g. nginx:1.27*) accepted as they are",
    },
  },
  help     = [[
`python:3.12`, `node:20` and `debian:bookworm` are full distributions: compilers, shells,
hundreds of libraries the application never calls. Each is attack surface, and each
CVE in them is noise in every scan. The same images come in smaller variants
(`-slim`, `-alpine`, `-minimal`, distroless, chiseled). Build in the full image if you
need to, and ship the application on a small one.

Checked: the external base of the final stage (followed through the stages it is built
`FROM`), when its name is in the parameter `images` (the official images that have a
smaller variant) and its tag carries none of `slim`, `alpine`, `minimal`, `micro`,
`distroless`, `chiseled`, `busybox`, `nanoserver`, `jre`, `static`. Never flagged:
`scratch`, build stages, references that depend on an undecided `ARG`, and images in
the parameter `allowed`. `ubuntu` is not in the list: its official image is already
the minimal cloud image; nor are `php:*-apache` tags, which have no small variant, nor
`amazonlinux` (only 2023 has a `-minimal` tag). Toolchain images (`golang`, `rust`, `buildpack-deps`) in a
single-stage build are left to `build-tools-in-final`.
]],
  check = function(df, report, params)
    if df.final == nil then return end
    local chain = stages.final_chain(df)
    local ref = chain[#chain].from
    if ref == nil or ref.scratch or (ref.stage and ref.stage > 0) or ref.expanded == nil
        or ref.expanded:find("$", 1, true) then
      return
    end
    local name = short_name(ref)
    local images = params.images
    local allowed = params.allowed
    if not any_glob(images, name) or minimal(name, ref.tag) then return end
    -- a template placeholder (debian:%%SUITE%%) is not a tag yet
    if ref.tag and not ref.tag:match("^[%w_][%w_.%-]*$") then return end
    -- php's Apache variants have no small counterpart (alpine is cli, fpm and zts only)
    if name == "php" and ref.tag and ref.tag:find("apache", 1, true) then return end
    if any_glob(allowed, ref.expanded) or any_glob(allowed, name) then return end
    if TOOLCHAINS[name] and #df.stages == 1 then return end
    report { message = "the final stage is based on " .. ref.expanded
             .. ", a full image; use a slim, alpine or distroless variant", at = ref }
  end,
}
