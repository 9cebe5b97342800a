-- undefined-arg-in-from: FROM can only use ARGs declared before the first FROM (and
-- the predefined platform ARGs); anything else expands to nothing.
return {
  title    = "FROM uses an undeclared ARG",
  severity = "medium",
  input    = "dockerfile",
  aliases  = { "UndefinedArgInFrom" },
  help     = [[
`FROM` sees only the `ARG`s declared before the first `FROM` (and BuildKit's predefined
`BUILDPLATFORM`, `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, ...). An `ARG` declared
inside a stage, or a typo, expands to an empty string: `FROM node:${NODE_VERSION}`
becomes `FROM node:`, or pulls a different image than intended. Declare the `ARG`
before the first `FROM`.
]],
  check = function(df, report)
    for _, w in ipairs(df.warnings or {}) do
      if w.code == "undefined-var" then
        for _, ins in ipairs(df.instructions) do
          if ins.cmd == "from" and ins.line <= w.line and w.line <= ins.end_line then
            local var = (w.message or ""):match("%$([%a_][%w_]*)") or "a variable"
            report { message = "FROM uses $" .. var .. ", which no ARG before the first FROM declares",
                     at = ins }
            break
          end
        end
      end
    end
  end,
}
