-- apt-lists-not-removed: the package lists apt-get downloads (tens of MB) stay in the
-- layer unless the same RUN deletes them; a later RUN cannot shrink an earlier layer.
--
-- Only stages whose layers ship are checked: the final stage and the stages it is built
-- FROM. A builder stage that the final stage only COPYs files from ships none of them.
local stages = require("plimsoll.stages")

local LISTS = "/var/lib/apt/lists"

-- A cache or tmpfs mount on the lists directory (or a parent) keeps them out of the layer.
local function lists_mounted(ins)
  for _, m in ipairs(ins.mounts or {}) do
    if (m.type == "cache" or m.type == "tmpfs") and m.target then
      local t = m.target:gsub("/+$", "")
      if t == "" or LISTS == t or LISTS:sub(1, #t + 1) == t .. "/" then return true end
    end
  end
  return false
end

local function removes_lists(c)
  local argv = c.argv or {}
  if c.name == "rm" or c.name == "find" then
    for i = 2, #argv do
      if argv[i]:sub(1, #LISTS) == LISTS then return true end
    end
  elseif c.name == "apt-get" or c.name == "apt" then
    local sub = c:args()[1]
    return sub == "dist-clean" or sub == "distclean"
  end
  return false
end

-- The command that downloads the lists into this layer: `apt-get update`, or apt 3's
-- `install --update`. An install alone reads lists an earlier layer holds: removing
-- them here would not shrink that layer, so the finding belongs to the update.
local function downloads_lists(c)
  if c.name ~= "apt-get" and c.name ~= "apt" then return false end
  local sub = c:args()[1]
  return sub == "update" or ((sub == "install" or sub == "upgrade" or sub == "dist-upgrade")
                             and c:has_flag("--update"))
end

return {
  title    = "apt lists not removed after apt-get install",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3009", "DKL-DI-0005", "df746b39-6564-4fed-bf85-e9c44382303c" },
  help     = [[
`apt-get update` downloads package lists into `/var/lib/apt/lists`; if the `RUN` that
downloads them does not delete them, they stay in that layer forever, making the image
larger and shipping stale metadata. Deleting them in a later `RUN` does not help: the
earlier layer still contains them. So the finding is on the `RUN` that runs
`apt-get update` (or `apt-get install --update`): a `RUN` that only installs reads lists
an earlier layer holds, and removing them there would not shrink anything — update,
install and remove in one `RUN`.

Not flagged: a `RUN` that removes the lists (`rm -rf /var/lib/apt/lists/*`) or runs
`apt-get dist-clean`; a `RUN` with a `--mount=type=cache` or `tmpfs` on
`/var/lib/apt/lists` or a parent (`/var/lib/apt`) — a cache mount on `/var/cache/apt`
alone does not cover the lists; stages whose layers do not ship in the final image
(a builder stage the final stage only copies files from).
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not lists_mounted(ins) then
        local update, cleaned = nil, false
        for _, outer in ipairs(ins.commands or {}) do
          -- see through sudo, env, sh -c '...': the layer is the same
          for _, c in ipairs(outer:unwrap()) do
            if update == nil and downloads_lists(c) then update = c end
            if removes_lists(c) then cleaned = true end
          end
        end
        if update and not cleaned then
          report { message = "the lists " .. update.name .. " " .. (update:args()[1] or "update")
                       .. " downloads stay in this layer; rm -rf /var/lib/apt/lists/* in the same RUN",
                   at = update }
        end
      end
    end
  end,
}
