-- copy-multiple-sources-no-slash: COPY/ADD of several sources needs a directory
-- destination, written with a trailing slash.
return {
  title    = "COPY of several sources to a destination without a trailing slash",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "DL3021", "DS-0011", "AVD-DS-0011", "6db6e0c2-32a3-4a2e-93b5-72c35f4119db" },
  help     = [[
With more than one source, `COPY` and `ADD` need a directory as the destination, and
the destination must end with `/`; otherwise the build fails ("When using COPY with more
than one source file, the destination must be a directory and end with a /").

Destinations that come from a variable whose value is unknown are not checked.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if (ins.cmd == "copy" or ins.cmd == "add") and #(ins.heredocs or {}) == 0 then
        local args = ins.args or {}
        if #args > 2 then
          local dest = pl.unquote(args[#args])
          if dest:find("$", 1, true) and ins.expanded and ins.form ~= "exec" then
            dest = ins.expanded:match("(%S+)%s*$") or dest
          end
          if not dest:find("$", 1, true) and not dest:match("[/\\]$") then
            report { message = string.format("%s of %d sources to %s: the destination must end with /",
                                              ins.keyword:upper(), #args - 1, dest), at = ins }
          end
        end
      end
    end
  end,
}
