-- copy-archive-then-extract: COPY of a tar archive that a later RUN unpacks keeps the
-- archive in the COPY's layer for good, next to its unpacked files.
local commands = require("plimsoll.commands")
local stages = require("plimsoll.stages")

-- Archives ADD unpacks itself (tar, plain or compressed). Zip files are not among them.
local EXT = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
              ".tar.zst", ".tzst", ".tar.lz4" }

local function basename(p)
  p = pl.unquote(p):gsub("[/\\]+$", "")
  return p:match("([^/\\]+)$") or p
end

local function is_archive(name)
  local l = name:lower()
  for _, e in ipairs(EXT) do
    if #l > #e and l:sub(-#e) == e then return true end
  end
  return false
end

-- tar reading an archive to extract it: -x in a short cluster (also the old `tar xzf`
-- form), --extract or --get. Returns the words that may name the archive.
local function tar_extracts(c)
  if c.name ~= "tar" and c.name ~= "bsdtar" and c.name ~= "gtar" then return nil end
  local argv = c.argv or {}
  local extracting = false
  for i = 2, #argv do
    local w = argv[i]
    if w == "--extract" or w == "--get" then extracting = true end
    if w:match("^%-%a+$") and w:find("x", 2, true) then extracting = true end
    if i == 2 and w:match("^%a+$") and w:find("x", 1, true) then extracting = true end
  end
  if not extracting then return nil end
  local words = {}
  for i = 2, #argv do
    local w = argv[i]
    local v = w:match("^%-%-file=(.+)$")
    words[#words + 1] = v or w
  end
  return words
end

return {
  title    = "Archive copied in, then extracted by RUN",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "DL3010" },
  help     = [[
`COPY app.tar.gz /tmp/` followed by `RUN tar -xzf /tmp/app.tar.gz` stores the archive in
the COPY's layer, and it stays in the image even when the RUN deletes it: layers only
add. Mount the archive for the one RUN that unpacks it, or let `ADD` unpack it (ADD
unpacks local tar archives, plain or compressed; not zip files).

Checked in the stages that end up in the image (the final stage and the stages it is
built `FROM`): a local tar archive copied by `COPY` and then extracted by `tar` in a
later `RUN` of the same stage. A builder stage's layers are not shipped, so its archives
are not reported.

The example below extracts the archive from a bind mount, so it never becomes a layer;
`ADD vendor.tar.gz /opt/` (which unpacks local archives) works too.
]],
  check = function(df, report)
    local shipped = stages.shipped(df)
    for _, stage in ipairs(df.stages) do
      if shipped[stage.index] then
        local copied = {}   -- archive basename -> the COPY that brought it
        for _, ins in ipairs(stage.instructions or {}) do
          if ins.cmd == "copy" and not (ins.flags and ins.flags.from) then
            local args = ins.args or {}
            if #args >= 2 and not args[#args]:find("$", 1, true) then
              local dest = basename(args[#args])
              if is_archive(dest) and #args == 2 then
                copied[dest] = ins
              else
                for i = 1, #args - 1 do
                  local b = basename(args[i])
                  if not args[i]:find("[$*?]") and is_archive(b) then copied[b] = ins end
                end
              end
            end
          elseif ins.cmd == "run" and next(copied) then
            commands.each(ins, function(c)
              local words = tar_extracts(c)
              for _, w in ipairs(words or {}) do
                local b = basename(w)
                local cp = copied[b]
                if cp then
                  report { message = b .. " is copied at line " .. cp.line .. " and extracted here: "
                                     .. "the archive stays in the COPY layer; mount it for this RUN or use ADD",
                           at = c }
                  copied[b] = nil
                end
              end
            end)
          end
        end
      end
    end
  end,
}
