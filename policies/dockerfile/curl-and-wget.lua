-- curl-and-wget: two download tools in one image where one would do.
local commands = require("plimsoll.commands")
local stages = require("plimsoll.stages")

return {
  title    = "Both curl and wget used in one image",
  severity = "info",
  input    = "dockerfile",
  aliases  = { "DL4001", "DS-0014", "AVD-DS-0014", "fc775e75-fcfb-4c98-b2f2-910c5858b359" },
  help     = [[
`curl` and `wget` do the same job. Using both in the stages that make up the image
means both (and their libraries) are installed: more size and more attack surface.
Pick one.

Only commands that run `curl` or `wget` count (not package names in `apt-get install`),
and only in the final stage and the stages it is built `FROM`: a builder stage that
uses both ships neither. The finding points at the first use of the second tool.
]],
  check = function(df, report)
    local ships = stages.shipped(df)
    local seen, reported = {}, false
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" and ships[ins.stage] and not reported then
        for _, c in ipairs(commands.all(ins)) do
          if c.name == "curl" or c.name == "wget" then
            local other = c.name == "curl" and "wget" or "curl"
            if seen[other] then
              report { message = c.name .. " used here and " .. other .. " on line " .. seen[other]
                                 .. ": use one download tool", at = c }
              reported = true
              break
            end
            seen[c.name] = seen[c.name] or c.line
          end
        end
      end
    end
  end,
}
