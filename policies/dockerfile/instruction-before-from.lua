-- instruction-before-from: only ARG (and parser directives and comments) may come
-- before the first FROM.
-- Unknown words (a template, a typo) are parse errors, not an ordering question.
local KNOWN = { from = true, run = true, cmd = true, label = true, maintainer = true, expose = true,
  env = true, add = true, copy = true, entrypoint = true, volume = true, user = true, workdir = true,
  arg = true, onbuild = true, stopsignal = true, healthcheck = true, shell = true }

return {
  title    = "Instruction before the first FROM",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL3061" },
  help     = [[
A Dockerfile must start with `FROM`; only `ARG` instructions (whose values `FROM` can
use), parser directives and comments may come before it. Anything else is rejected by
the builder. Move the instruction after `FROM`.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "from" then break end
      if ins.cmd ~= "arg" and KNOWN[ins.cmd] then
        report { message = ins.keyword:upper() .. " before the first FROM: only ARG may come first", at = ins }
      end
    end
  end,
}
