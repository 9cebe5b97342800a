-- unknown-instruction: BuildKit's parser keeps a word it does not know as an instruction,
-- and its dispatcher then refuses to build the file. plimsoll keeps it as data too, so
-- this rule is what stops a typo, or a file that is no Dockerfile, from passing silently.
local KNOWN = {
  add = true, arg = true, cmd = true, copy = true, entrypoint = true, env = true,
  expose = true, from = true, healthcheck = true, label = true, maintainer = true,
  onbuild = true, run = true, shell = true, stopsignal = true, user = true,
  volume = true, workdir = true,
}

-- The known keyword closest to word (Levenshtein distance at most 2), for "did you mean".
local function closest(word)
  local best, best_d = nil, 3
  for k in pairs(KNOWN) do
    if math.abs(#k - #word) < best_d then
      local prev = {}
      for j = 0, #k do prev[j] = j end
      for i = 1, #word do
        local cur = { [0] = i }
        for j = 1, #k do
          local cost = word:byte(i) == k:byte(j) and 0 or 1
          cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        end
        prev = cur
      end
      if prev[#k] < best_d or (prev[#k] == best_d and best and k < best) then
        best, best_d = k, prev[#k]
      end
    end
  end
  return best
end

local function describe(word)
  local shown = #word > 40 and word:sub(1, 40) .. "..." or word
  local guess = #word <= 20 and closest(word) or nil
  if guess then
    return ("unknown instruction %s: BuildKit refuses to build this file (did you mean %s?)")
      :format(shown, guess:upper())
  end
  return ("unknown instruction %s: BuildKit refuses to build this file"):format(shown)
end

return {
  title    = "Unknown instruction",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL1000" },
  help     = [[
A word at the start of a line that is not a Dockerfile instruction makes `docker build`
fail with `unknown instruction`. The parser accepts it (so plimsoll reads the rest of
the file and every other rule still runs); this rule reports it, with the instruction
it was probably meant to be. A file that is not a Dockerfile at all is reported the
once, at its first line.
]],
  check = function(df, report)
    -- a file with no instruction at all is no Dockerfile: one finding, not one a line
    local known = false
    for _, ins in ipairs(df.instructions) do
      known = known or KNOWN[ins.cmd] ~= nil
    end
    if not known and df.instructions[1] then
      local first = df.instructions[1]
      report { message = describe(first.keyword) .. " (no line of this file is a Dockerfile instruction)",
               at = first }
      return
    end
    local function look(ins)
      if not KNOWN[ins.cmd] then
        report { message = describe(ins.keyword), at = ins }
      elseif ins.sub then
        look(ins.sub)
      end
    end
    for _, ins in ipairs(df.instructions) do
      look(ins)
    end
  end,
}
