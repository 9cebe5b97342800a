-- .luacheckrc — luacheck's view of plimsoll's policy sandbox (src/engine/sandbox.c).
--
-- A rule or lib/ module sees only these globals, all read-only: a subset of Lua 5.4's
-- base library (no dofile, loadfile, collectgarbage; load is text-only), string (no
-- dump), table, math (no randomseed), utf8, coroutine, require (its bundle's lib/ only),
-- print (to the rule's log) and the prelude's `pl` table. There is no io, os, debug or
-- package. Run `scripts/lint.sh` (or `luacheck policies examples/org-policies`).
std = "plimsoll"
stds.plimsoll = {
  read_globals = {
    "assert", "error", "getmetatable", "ipairs", "pairs", "pcall", "rawequal", "select",
    "tonumber", "tostring", "type", "_VERSION", "xpcall", "setmetatable", "next", "rawget",
    "rawlen", "rawset", "load", "print", "require", "_G",
    string = { fields = {
      "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
      "packsize", "rep", "reverse", "sub", "unpack", "upper",
    } },
    table = { fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" } },
    math = { fields = {
      "abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max", "maxinteger",
      "min", "mininteger", "modf", "pi", "rad", "random", "sin", "sqrt", "tan", "tointeger",
      "type", "ult", "atan", "asin", "acos",
    } },
    utf8 = { fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" } },
    coroutine = { fields = {
      "create", "resume", "yield", "status", "isyieldable", "running", "close", "wrap",
    } },
    pl = { other_fields = true },
  },
}
-- a rule file is `return { ... }`; check receives (input, report) and may ignore either
unused_args = false
-- long help strings and messages are fine; the sandbox, not the layout, is checked here
max_line_length = false

-- *_test.lua files also get the test kit's `test` function
files["**/*_test.lua"] = { read_globals = { "test" } }

-- the test kit's own API (src/lua/testkit/api.lua) is handed `debug_line` by the engine
files["src/lua/testkit/api.lua"] = { read_globals = { "debug_line" } }
