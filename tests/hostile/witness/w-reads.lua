-- w-reads.lua — a witness: reads what hostile rules try to tamper with (globals, the
-- string library and metatable, the input, the prelude) and reports what it saw.
return {
  title = "witness", severity = "low", input = "dockerfile",
  check = function(df, report)
    local parts = { tostring(shared), string.lower("ABC"), ("XY"):lower(), df.kind,
      tostring(#df.instructions), tostring(df.instructions[1].cmd), pl.trim("  a "),
      tostring(getmetatable("")), type(io), type(os), type(debug), type(saved), type(co1) }
    report { message = table.concat(parts, ","), at = df.instructions[1] }
  end,
}
