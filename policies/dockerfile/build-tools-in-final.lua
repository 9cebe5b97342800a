-- build-tools-in-final: a compiler left in the shipped image is a tool for whoever gets
-- code execution in the container, and dead weight for everyone else.
local commands = require("plimsoll.commands")
local stages = require("plimsoll.stages")

-- Images that are toolchains, by the name without tag (docker.io/library/ dropped).
local TOOLCHAIN_IMAGES = { golang = true, rust = true, gcc = true, maven = true, gradle = true,
  ["buildpack-deps"] = true, ["mcr.microsoft.com/dotnet/sdk"] = true }

-- Packages that are compilers or build tools.
local BUILD_PKGS = { gcc = true, ["g++"] = true, ["gcc-c++"] = true, clang = true, make = true,
  cmake = true, ["build-essential"] = true, ["build-base"] = true, autoconf = true,
  automake = true, libtool = true, golang = true, ["golang-go"] = true, go = true, rust = true,
  cargo = true, rustc = true, maven = true, gradle = true, ["alpine-sdk"] = true }

-- Install verbs, per package manager.
local INSTALL = { ["apt-get"] = "install", apt = "install", aptitude = "install", apk = "add",
  yum = "install", dnf = "install", microdnf = "install", tdnf = "install", zypper = "install" }
-- Removal verbs: build dependencies removed again (the official images' pattern).
local REMOVE = { ["apt-get"] = { purge = true, remove = true, autoremove = true },
  apt = { purge = true, remove = true, autoremove = true }, ["apt-mark"] = { auto = true },
  apk = { del = true }, yum = { remove = true, erase = true, autoremove = true },
  dnf = { remove = true, erase = true, autoremove = true }, microdnf = { remove = true },
  tdnf = { remove = true, erase = true, autoremove = true }, zypper = { remove = true, rm = true } }

local function short_name(ref)
  local repo = ref.repository or ref.image or ""
  if ref.registry == nil or ref.registry == "docker.io" then return (repo:gsub("^library/", "")) end
  return ref.registry .. "/" .. repo
end

-- A package word without its version pin: "gcc=4:12.2*" -> "gcc".
local function package_name(w)
  return (w:gsub("[=<>].*$", ""):gsub(":%a+$", ""))
end

local function is_build_pkg(name)
  return BUILD_PKGS[name] or name:match("^gcc%-%d+$") or name:match("^g%+%+%-%d+$")
      or name:match("^clang%-%d+$") or name:match("^golang%-[%d.]+%-go$")
end

-- A command that compiles with the base image's toolchain.
local function builds(c)
  local n, a = c.name, c:args()
  if n == "go" then
    return a[1] == "build" or a[1] == "run" or (a[1] == "install" and a[2] ~= nil and a[2]:find("^%."))
  elseif n == "cargo" then return a[1] == "build" or a[1] == "run" or a[1] == "install"
  elseif n == "dotnet" then return a[1] == "build" or a[1] == "publish" or a[1] == "run"
  end
  return n == "mvn" or n == "mvnw" or n == "gradle" or n == "gradlew" or n == "make"
      or n == "gcc" or n == "cc" or n == "g++" or n == "rustc"
end

-- True when the final stage takes files from a stage outside its own chain: the build
-- is split, and what the final stage installs is its own business.
local function split_build(chain)
  local mine = {}
  for _, s in ipairs(chain) do mine[s.index] = true end
  for _, s in ipairs(chain) do
    for _, i in ipairs(s.copies_from or {}) do
      if not mine[i] then return true end
    end
  end
  return false
end

return {
  title    = "Build tools in the final image of a single-stage build",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "CIS-4.3" },
  help     = [[
A Dockerfile that compiles in the image it ships leaves the compiler, headers and build
tools in production: hundreds of megabytes, many CVEs, and a ready toolkit for anyone
who gets code execution in the container. A multi-stage build compiles in one stage
and copies only the result into a small final stage.

Flagged, when the final stage copies nothing from another build stage (no multi-stage
split): a final stage based on a toolchain image (`golang`, `rust`, `gcc`, `maven`,
`gradle`, `buildpack-deps`, `dotnet/sdk`) that runs a build with it (`go build`,
`cargo build`, `mvn`, `make`, `dotnet publish`, also `go run` as the command), and an
install of a compiler or build tool (`gcc`, `g++`, `make`, `build-essential`,
`build-base`, `clang`, `cmake`, `golang`, `cargo`, `maven`, ...). Not flagged: installs
followed by a removal in the same or a later `RUN` (`apk add --virtual .build-deps ...
&& apk del .build-deps`, `apt-get purge --auto-remove`, the official images' pattern),
and builder stages.
]],
  check = function(df, report)
    if df.final == nil then return end
    local chain = stages.final_chain(df)
    if split_build(chain) then return end
    -- instructions of the chain in build order
    local order = {}
    for i = #chain, 1, -1 do
      for _, ins in ipairs(chain[i].instructions or {}) do order[#order + 1] = ins end
    end
    -- position of the last RUN that removes packages
    local last_removal = 0
    for pos, ins in ipairs(order) do
      if ins.cmd == "run" then
        commands.each(ins, function(c)
          local verbs = REMOVE[c.name or ""]
          if verbs and verbs[c:args()[1] or ""] then last_removal = pos end
        end)
      end
    end
    local root = chain[#chain].from
    local toolchain = root and not root.scratch and not (root.stage and root.stage > 0)
        and root.expanded and TOOLCHAIN_IMAGES[short_name(root)]
    local built = false
    for pos, ins in ipairs(order) do
      if ins.cmd == "run" or ins.cmd == "cmd" or ins.cmd == "entrypoint" then
        commands.each(ins, function(c)
          if toolchain and builds(c) then built = true end
          if ins.cmd == "run" and INSTALL[c.name or ""] and c:args()[1] == INSTALL[c.name]
              and pos > last_removal then
            local tools = {}
            for k, w in ipairs(c:args()) do
              if k > 1 and not w:find("^%-") and is_build_pkg(package_name(w)) then
                tools[#tools + 1] = package_name(w)
              end
            end
            if tools[1] then
              report { message = "installs " .. table.concat(tools, ", ") .. " in the final image of a single-stage build; build in a separate stage", at = c }
            end
          end
        end)
      end
    end
    if toolchain and built then
      report { message = "the final stage builds with " .. root.expanded .. " and ships its toolchain; build in a stage and copy the result into a minimal one", at = root }
    end
  end,
}
