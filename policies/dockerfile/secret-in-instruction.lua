-- secret-in-instruction: a credential written literally in a RUN, CMD, LABEL, ADD ... is
-- in the Dockerfile's repository, the image history and often the image itself.
-- The first word of the list with a credential's shape: its description, or nil.
local function shape_in(words)
  for _, w in ipairs(words or {}) do
    if type(w) == "string" and #w >= 8 then
      local s = pl.secret_value(w)
      if s then return s end
    end
  end
  return nil
end

return {
  title    = "Credential written into a Dockerfile instruction",
  severity = "critical",
  input    = "dockerfile",
  aliases  = { "a88baa34-e2ad-44ea-ad6f-8cac87bc7c71", "CKV_SECRET_2", "CKV_SECRET_4",
               "CKV_SECRET_6", "CKV_SECRET_13", "CKV_SECRET_14", "CIS-4.10" },
  help     = [[
A token, key or password written into a `RUN`, `CMD`, `ENTRYPOINT`, `HEALTHCHECK`,
`LABEL`, `ADD` or `COPY` is committed with the Dockerfile, recorded in the image history
(`docker history --no-trunc` shows every `RUN` line) and, for `LABEL`, `CMD` and
`ENTRYPOINT`, stored in the image configuration. Rotate it, then pass it as a build
secret.

What is looked for is the value, not a name: AWS access key ids, GitHub, GitLab, Slack,
npm, Stripe and Google keys, JSON Web Tokens, private key blocks, and passwords in URLs
(`https://user:pass@host`) — with the false-positive guards of the secret scanners:
word boundaries, an entropy gate against `ghp_xxxx...` stand-ins, AWS's `...EXAMPLE`
keys, and URL passwords that are templated (`${PASS}`, `$PASS`, `{{ .pass }}`) or
stand-ins (`changeme`, `password`). `ENV` and `ARG` are the concern of the rule
`secret-in-env-arg`. Every stage is checked: a builder's `RUN` line is in the history of
the builder image and in your repository.
]],
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local c = ins.cmd
      if c ~= "env" and c ~= "arg" and c ~= "from" then
        local found, at
        for _, cmd in ipairs(ins.commands or {}) do
          found = shape_in(cmd.argv)
          if found then
            -- a command of a heredoc script sits in the body: point at the RUN
            at = (#(ins.heredocs or {}) > 0 and cmd.line > ins.line) and ins or cmd
            break
          end
        end
        if not found and ins.exec then found = shape_in(ins.exec) end
        if not found then
          for _, p in ipairs(ins.pairs or {}) do
            found = shape_in({ p.value })
            if found then at = p break end
          end
        end
        if not found then
          for _, h in ipairs(ins.heredocs or {}) do
            found = shape_in({ h.body })
            if found then break end
          end
        end
        if not found and #(ins.commands or {}) == 0 and #(ins.pairs or {}) == 0 and c ~= "onbuild" then
          local words = {}
          for _, a in ipairs(ins.args or {}) do words[#words + 1] = pl.unquote(a) end
          found = shape_in(words)
        end
        if found then
          report { message = ins.keyword:upper() .. " contains what looks like " .. found
                             .. "; rotate it and pass it as a build secret", at = at or ins }
        end
      end
    end
  end,
}
