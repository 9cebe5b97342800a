-- unknown-instruction: an ONBUILD trigger that is not an instruction. A top-level
-- unknown instruction never reaches a rule: BuildKit refuses such a file before building,
-- and so does plimsoll's analysis (an error, exit 2). A trigger is different: BuildKit
-- stores it as text, this image builds, and every image built FROM it fails.
return {
  title    = "Unknown instruction as an ONBUILD trigger",
  severity = "high",
  input    = "dockerfile",
  aliases  = { "DL1000" },
  help     = [[
`ONBUILD` stores its trigger as text: the image builds, and every build `FROM` it then
fails with `unknown instruction`. (An unknown instruction anywhere else makes the file
itself fail to build, and plimsoll reports it as an error, not as a finding.) Correct
the trigger's keyword.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.sub and not ins.sub.known then
        report { message = ("ONBUILD trigger %s is not an instruction: every build FROM this "
                            .. "image will fail"):format(ins.sub.keyword:sub(1, 40)), at = ins }
      end
    end
  end,
}
