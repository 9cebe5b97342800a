-- curl-pipe-shell: `curl URL | sh` runs whatever the server sends, unverified, and a
-- truncated download runs half a script.
local SHELLS = { sh = true, bash = true, dash = true, ash = true, zsh = true, ksh = true,
                 mksh = true, busybox = false }
local INTERPRETERS = { python = true, python2 = true, python3 = true, perl = true,
                       ruby = true, node = true, php = true }
local FETCHERS = { curl = true, wget = true }

local function see_through(c)
  local ok, list = pcall(function() return c:unwrap() end)
  if ok and type(list) == "table" and list[1] then return list[1] end
  return c
end

-- A shell or interpreter that reads its program from stdin: no script operand, or `-`,
-- or `-s`. `python3 -c '...'` reading JSON from the pipe is not running the download.
local function reads_program_from_stdin(c)
  local name = c.name
  if not (SHELLS[name] or INTERPRETERS[name]) then return false end
  local argv = c.argv or {}
  for i = 2, #argv do
    local w = argv[i]
    if w == "-" or w == "-s" then return true end
    if w == "-c" or w == "-e" or w == "-m" or w == "-r" then return false end
    if w:sub(1, 1) ~= "-" then return false end -- a script file operand
  end
  return true
end

local function fetch_in_substitution(c)
  if not (SHELLS[c.name] or c.name == "eval" or c.name == "source" or c.name == ".") then return false end
  local argv = c.argv or {}
  for i = 2, #argv do
    local w = argv[i]
    for _, f in ipairs { "curl", "wget" } do
      if w:find("%$%(%s*" .. f .. "[%s)]") or w:find("`%s*" .. f .. "%s")
          or w:find("<%(%s*" .. f .. "%s") then
        return f
      end
    end
  end
  return nil
end

return {
  title    = "Download piped into a shell",
  severity = "high",
  input    = "dockerfile",
  aliases  = {},
  help     = [[
`curl https://... | sh` executes whatever the server returns at build time, with no
checksum or signature: a compromised host, a hijacked DNS name or a changed script
changes your image silently. If the connection drops, the shell runs a truncated script.
The same holds for `sh -c "$(curl ...)"`, `bash <(curl ...)` and piping into an
interpreter (`| python3 -`).

Download to a file, verify a pinned checksum (or a signature), then run it.

Not flagged: downloads piped into other programs (`| tar -xz`, `| gpg --dearmor`), or
into an interpreter that runs its own code (`| python3 -c '...'`).

Before:

```dockerfile
RUN curl -fsSL https://example.com/install.sh | sh
```

After:

```dockerfile
RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.3.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh && rm /tmp/install.sh
```
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local cmds = ins.commands or {}
      for i, c in ipairs(cmds) do
        local inner = see_through(c)
        if FETCHERS[inner.name] and c.op == "|" then
          -- follow the pipeline: curl | tee x | sh
          local j, prev = i + 1, c
          while cmds[j] and prev.op == "|" do
            local nxt = cmds[j]
            if nxt.depth == c.depth and nxt.subst == c.subst then
              local target = see_through(nxt)
              if reads_program_from_stdin(target) then
                report { message = inner.name .. " output piped into " .. target.name
                                   .. ": the download runs unverified", at = c }
                break
              end
              prev = nxt
            end
            j = j + 1
          end
        end
        -- look at the shell itself, not through it: unwrapping `sh -c "$(curl ..)"`
        -- would read the substitution as a script
        local shell = c
        if not (SHELLS[c.name] or c.name == "eval") then shell = inner end
        local f = fetch_in_substitution(shell)
        if f then
          report { message = shell.name .. " runs the output of " .. f .. " unverified", at = c }
        end
      end
    end
  end,
}
