-- add-instead-of-copy: ADD of plain local files does what COPY does, plus surprises.
local function is_remote(src)
  return src:match("^[%a][%w+.-]*://") ~= nil or src:match("^git@") ~= nil
end

-- ADD unpacks local tar archives, compressed or not; keep ADD for those.
local function is_archive(src)
  local l = src:lower()
  for _, ext in ipairs { ".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst",
                         ".gz", ".bz2", ".xz", ".zst", ".lz4" } do
    if l:sub(-#ext) == ext then return true end
  end
  return false
end

-- The sources of an ADD (every word but the destination), or nil when one of them
-- cannot be decided (a variable with no known value may name an archive or a URL).
local function sources(ins)
  local words = {}
  if ins.expanded and not ins.expanded:find("$", 1, true) and ins.form ~= "exec" then
    for w in ins.expanded:gmatch("%S+") do words[#words + 1] = w end
  else
    for _, a in ipairs(ins.args or {}) do words[#words + 1] = pl.unquote(a) end
  end
  if #words < 2 then return nil end
  local out = {}
  for i = 1, #words - 1 do
    if words[i]:find("$", 1, true) then return nil end
    out[#out + 1] = words[i]
  end
  return out
end

return {
  title    = "ADD used where COPY serves",
  severity = "low",
  input    = "dockerfile",
  aliases  = { "DL3020", "DS-0005", "AVD-DS-0005", "CKV_DOCKER_4", "CIS-DI-0009",
               "9513a694-aa0d-41d8-be61-3271e056f36b", "CIS-4.9" },
  help     = [[
`ADD` copies like `COPY` but also downloads URLs and silently unpacks anything that looks
like a tar archive. For plain files and directories that extra magic only hides intent
and can change behaviour when a file happens to be an archive. Use `COPY`, and keep `ADD`
for what only it does: unpacking a local archive, or fetching a URL with `--checksum`
(a remote `ADD` is the concern of the rule `add-remote-url`).
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "add" then
        local srcs = sources(ins)
        if srcs then
          local plain = true
          for _, s in ipairs(srcs) do
            if is_remote(s) or is_archive(s) then plain = false end
          end
          if plain then
            report { message = "ADD of local files: use COPY", at = ins }
          end
        end
      end
    end
  end,
}
