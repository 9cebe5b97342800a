-- testkit/api.lua — the test API of *_test.lua files (docs/writing-rules.md, section 6).
--
-- Loaded by src/engine/testkit.c into a fresh sandbox of its own (whose environment
-- also has `debug_line(level)`: the test file's line of a call), with two arguments:
-- `evaluate(kind, text, rule_id, path)`, which asks the engine (in C) to parse the
-- document and run one rule on it, returning only plain values (a verdict, the findings'
-- lines and messages, an error message); and the list the registered tests go into.
-- test() registers; t:dockerfile/t:image make a subject; subject:rule picks a rule; the
-- case's passes/finds/skips assert. Failures are error(msg, 2), so their position is
-- the assertion's line in the test file.
local evaluate, tests = ...
local Case, Subject, T = {}, {}, {}
Case.__index, Subject.__index, T.__index = Case, Subject, T
local function lines(list)
  local out = {}
  for i, f in ipairs(list) do out[i] = tostring(f.line) end
  return '{' .. table.concat(out, ', ') .. '}'
end
local function run(case, level)
  local s = case.subject
  local verdict, findings, msg = evaluate(s.kind, s.text, case.id, s.path)
  if verdict == 'error' then
    error(case.id .. ' raised an error instead of giving a verdict: ' .. msg, level + 1)
  elseif verdict == 'invalid' then
    error(msg, level + 1)
  end
  return verdict, findings
end
local function describe(verdict, findings)
  if verdict == 'skip' then return 'the rule skipped (it does not apply to this input)' end
  if verdict == 'pass' then return 'the rule passed (no finding)' end
  local out = {}
  for i, f in ipairs(findings) do out[i] = 'line ' .. f.line .. ': ' .. f.message end
  return 'the rule found ' .. #findings .. ': ' .. table.concat(out, '; ')
end
function Case:passes()
  local verdict, findings = run(self, 2)
  if verdict ~= 'pass' then
    error('expected ' .. self.id .. ' to pass, but ' .. describe(verdict, findings), 2)
  end
  return self.subject
end
function Case:skips()
  local verdict, findings = run(self, 2)
  if verdict ~= 'skip' then
    error('expected ' .. self.id .. ' to skip, but ' .. describe(verdict, findings), 2)
  end
  return self.subject
end
function Case:finds(want)
  if type(want) ~= 'table' then
    error('finds wants a list of lines, e.g. finds { 1, { 3, "latest" } }', 2)
  end
  local exp = {}
  for i, w in ipairs(want) do
    if math.type(w) == 'integer' then exp[i] = { line = w }
    elseif type(w) == 'table' and math.type(w[1] or w.line) == 'integer' then
      local m = w[2] or w.message
      if m ~= nil and type(m) ~= 'string' then error('finds: entry ' .. i .. ': message must be a string', 2) end
      exp[i] = { line = w[1] or w.line, message = m }
    else error('finds: entry ' .. i .. ' must be a line number or { line, "message part" }', 2) end
  end
  if #exp == 0 then error('finds {} expects nothing: use passes() (or skips())', 2) end
  local verdict, findings = run(self, 2)
  local used, problems = {}, {}
  for _, e in ipairs(exp) do
    local hit
    for j, f in ipairs(findings) do
      if not used[j] and f.line == e.line and (e.message == nil or f.message:find(e.message, 1, true)) then hit = j break end
    end
    if hit then used[hit] = true
    else problems[#problems + 1] = 'no finding at line ' .. e.line .. (e.message and (' with "' .. e.message .. '"') or '') end
  end
  for j, f in ipairs(findings) do
    if not used[j] then problems[#problems + 1] = 'unexpected finding at line ' .. f.line .. ': ' .. f.message end
  end
  if #problems > 0 then
    local why = verdict == 'skip' and ' (the rule skipped: it does not apply to this input)' or ''
    error('expected ' .. self.id .. ' to find lines ' .. lines(exp) .. ', got ' .. lines(findings) .. why .. ': ' .. table.concat(problems, '; '), 2)
  end
  return self.subject
end
function Subject:rule(id)
  if type(id) ~= 'string' then error('rule wants a rule id (a string)', 2) end
  return setmetatable({ subject = self, id = id }, Case)
end
local function subject(kind)
  return function(self, text, path)
    if type(text) ~= 'string' then error(kind .. ' wants the document as a string', 2) end
    if path ~= nil and type(path) ~= 'string' then error(kind .. ': the path must be a string', 2) end
    return setmetatable({ kind = kind, text = text, path = path }, Subject)
  end
end
T.dockerfile, T.image = subject('dockerfile'), subject('image')
local function test(name, fn)
  if type(name) ~= 'string' or type(fn) ~= 'function' then
    error('test wants a name and a function: test("name", function(t) ... end)', 2)
  end
  local info = debug_line(2)
  tests[#tests + 1] = { name = name, fn = fn, line = info }
end
return test, function(i) return tests[i].fn(setmetatable({}, T)) end
