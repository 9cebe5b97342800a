/* test_sandbox.c — hostile policies (src/engine/sandbox.c and the prelude's wrappers).
 *
 * Each case loads one hostile rule beside four witness rules in the same bundle, runs
 * them on a Dockerfile twice, and checks (1) the hostile rule is refused or stopped with
 * the right message, and (2) every witness verdict and finding is identical to a run of
 * the witnesses alone. The hostile file sorts first, so witnesses run after it in the
 * same state (or in the state rebuilt after it). Files that are hostile as a whole live
 * in tests/hostile/. */
#include "engine_test.h"

#define HEAD                                                                                       \
    "return { title = 'hostile', severity = 'high', input = 'dockerfile', check = function(df, "   \
    "report)\n"
#define TAIL "\nend }"

static const char *const DF = "FROM debian:12\n"
                              "RUN apt-get update && sudo apt-get install -qy curl\n"
                              "RUN apt-get install git\n"
                              "USER app\n";

static const char *const WITNESSES[] = {
    "dockerfile/w-reads.lua",
    "return { title = 'w', severity = 'low', input = 'dockerfile', check = function(df, report)\n"
    "  local parts = { tostring(shared), string.lower('ABC'), ('XY'):lower(), "
    "tostring(math.floor(2.5)),\n"
    "    df.kind, tostring(#df.instructions), tostring(rawget(df, 'kind')), tostring(next(df) ~= "
    "nil),\n"
    "    pl.trim('  a '), type(string.rep), tostring(getmetatable('')), type(setmetatable), "
    "type(print),\n"
    "    type(table.insert), df.stages[1].from.image, tostring(df.final.user.name), type(io), "
    "type(os) }\n"
    "  report { message = table.concat(parts, ','), at = df.instructions[1] }\n"
    "end }",
    "dockerfile/w-fail.lua",
    "return { title = 'w', severity = 'medium', input = 'dockerfile', check = function(df, "
    "report)\n"
    "  for ins in df:each('RUN') do report { message = 'run at ' .. ins.line, at = ins } end\n"
    "end }",
    "dockerfile/w-pass.lua",
    "return { title = 'w', severity = 'info', input = 'dockerfile', check = function(df, report) "
    "end }",
    "dockerfile/w-cmds.lua",
    "return { title = 'w', severity = 'low', input = 'dockerfile', check = function(df, report)\n"
    "  for cmd in df:commands('apt-get', 'install') do\n"
    "    report { message = cmd.name .. (cmd:has_flag('-y') and ' yes' or ' no'), at = cmd }\n"
    "  end\n"
    "end }",
};
#define NWIT (sizeof WITNESSES / sizeof WITNESSES[0])

typedef struct hostile_case {
    const char *name;
    const char *source;       /* inline rule source, or NULL to read file */
    const char *file;         /* tests/hostile/<file> */
    pl_verdict_status status; /* expected verdict of the hostile rule */
    const char *expect;       /* substring of its verdict message (error) or NULL */
    size_t memory;            /* 0: 16 MiB */
    bool second_only;         /* the first evaluation passes by design */
} hostile_case;

/* The witnesses' verdicts and findings, as one comparable text. */
static char *witness_text(const pl_results *r) {
    pl_buf b;
    pl_buf_init(&b);
    for (size_t i = 0; i < r->nverdicts; i++)
        if (strncmp(r->verdicts[i].rule, "w-", 2) == 0)
            pl_buf_printf(&b, "V %s %s %zu\n", r->verdicts[i].rule,
                          pl_verdict_status_name(r->verdicts[i].status), r->verdicts[i].nfindings);
    for (size_t i = 0; i < r->nfindings; i++)
        if (strncmp(r->findings[i].rule, "w-", 2) == 0)
            pl_buf_printf(&b, "F %s %d %s %s\n", r->findings[i].rule, r->findings[i].line,
                          r->findings[i].message, r->findings[i].fingerprint);
    pl_buf_puts(&b, "");
    return pl_buf_take(&b);
}

static char *run(const hostile_case *c, pl_results *res, const char *hostile_src) {
    pl_limits lim;
    pl_limits_default(&lim);
    lim.memory_bytes = c && c->memory ? c->memory : (size_t)16 << 20;
    lim.instructions = 2000000;
    const char *files[2 * (NWIT / 2 + 1) + 1];
    size_t k = 0;
    if (hostile_src) {
        files[k++] = "dockerfile/a-hostile.lua";
        files[k++] = hostile_src;
    }
    for (size_t i = 0; i < NWIT; i++)
        files[k++] = WITNESSES[i];
    files[k] = NULL;
    pl_engine *e = engine_from(&lim, res, files);
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF);
    pl_engine_evaluate(e, doc, res);
    pl_engine_evaluate(e, doc, res); /* twice: the state after the hostile run still works */
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_sort(res);
    return witness_text(res);
}

static char *read_hostile(const char *file) {
    static pl_arena keep; /* lives for the test process */
    static bool init;
    if (!init)
        pl_arena_init(&keep), init = true;
    char path[512];
    snprintf(path, sizeof path, "%s/tests/hostile/%s", PL_SOURCE_DIR, file);
    char *text;
    size_t len;
    pl_error err;
    assert_int_equal(pl_file_read(&keep, path, 0, &text, &len, &err), 0);
    return text;
}

static void hostile(void **state) {
    const hostile_case *c = *state;
    pl_results base, res;
    pl_results_init(&base);
    pl_results_init(&res);
    char *want = run(c, &base, NULL);
    assert_int_equal(base.nproblems, 0);
    const char *src = c->source ? c->source : read_hostile(c->file);
    char *got = run(c, &res, src);
    const pl_verdict *v = verdict_of(&res, "a-hostile");
    if (!v || v->status != c->status ||
        (c->expect && (!v->message || !strstr(v->message, c->expect)))) {
        fprintf(stderr, "case %s:\n", c->name);
        dump_results(&res);
    }
    assert_non_null(v);
    if (c->second_only) {
        for (size_t i = 0; i < res.nverdicts; i++)
            if (strcmp(res.verdicts[i].rule, "a-hostile") == 0 &&
                res.verdicts[i].status == c->status)
                v = &res.verdicts[i];
    }
    assert_int_equal(v->status, c->status);
    if (c->expect) {
        assert_non_null(v->message);
        assert_non_null(strstr(v->message, c->expect));
    }
    /* both evaluations give the same verdict for the hostile rule too */
    size_t nh = 0;
    for (size_t i = 0; i < res.nverdicts; i++)
        if (strcmp(res.verdicts[i].rule, "a-hostile") == 0) {
            nh++;
            if (!c->second_only)
                assert_int_equal(res.verdicts[i].status, c->status);
        }
    assert_int_equal(nh, 2);
    if (strcmp(want, got) != 0)
        fprintf(stderr, "case %s: witnesses changed\n--- alone:\n%s--- beside it:\n%s", c->name,
                want, got);
    assert_string_equal(want, got);
    free(want);
    free(got);
    pl_results_free(&base);
    pl_results_free(&res);
}

/* cases leave second_only out unless it is true */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const hostile_case cases[] = {
    /* files */
    {"io.open", HEAD "local f = io.open('/etc/passwd') report { message = f:read('a') }" TAIL, NULL,
     PL_VERDICT_ERROR, "global 'io'", 0},
    {"dofile", HEAD "dofile('/etc/passwd')" TAIL, NULL, PL_VERDICT_ERROR, "global 'dofile'", 0},
    {"loadfile", HEAD "loadfile('/etc/passwd')" TAIL, NULL, PL_VERDICT_ERROR, "global 'loadfile'",
     0},
    {"require io", HEAD "local io = require 'io' io.open('/etc/passwd')" TAIL, NULL,
     PL_VERDICT_ERROR, "module 'io' not found", 0},
    /* processes */
    {"os.execute", HEAD "os.execute('touch /tmp/plimsoll-pwned')" TAIL, NULL, PL_VERDICT_ERROR,
     "global 'os'", 0},
    {"io.popen", HEAD "io.popen('id')" TAIL, NULL, PL_VERDICT_ERROR, "global 'io'", 0},
    /* bytecode */
    {"string.dump", HEAD "local b = string.dump(function() end)" TAIL, NULL, PL_VERDICT_ERROR,
     "field 'dump'", 0},
    {"load(string.dump(f))", HEAD "local f = load(('').dump(function() end))" TAIL, NULL,
     PL_VERDICT_ERROR, "field 'dump'", 0},
    {"load mode b",
     HEAD "local f, e = load('\\27Lua\\84\\0', 'x', 'b') if f then report { message = 'loaded' } "
          "end error(e, 0)" TAIL,
     NULL, PL_VERDICT_ERROR, "binary chunks are not allowed", 0},
    {"load binary as text",
     HEAD "local f, e = load('\\27Lua\\84\\0') if f then report { message = 'loaded' } end "
          "error(e, 0)" TAIL,
     NULL, PL_VERDICT_ERROR, "attempt to load a binary chunk", 0},
    {"load sees no real globals",
     HEAD "local f = load('return io or os or debug or dofile or collectgarbage') if f() then "
          "report { message = 'escaped' } end" TAIL,
     NULL, PL_VERDICT_PASS, NULL, 0},
    {"load a function reader", HEAD "load(function() return nil end)" TAIL, NULL, PL_VERDICT_ERROR,
     "only a string chunk", 0},
    /* debug, C modules */
    {"debug", HEAD "debug.sethook()" TAIL, NULL, PL_VERDICT_ERROR, "global 'debug'", 0},
    {"package.loadlib", HEAD "package.loadlib('libc.so.6', '*')" TAIL, NULL, PL_VERDICT_ERROR,
     "global 'package'", 0},
    {"require a .so", HEAD "require('libc.so.6')" TAIL, NULL, PL_VERDICT_ERROR, "not found", 0},
    /* the standard library: every bundle gets it, none can change or replace it */
    {"standard library loads",
     HEAD "local s = require('plimsoll.stages') if type(s.shipped) ~= 'function' then error('no "
          "shipped') end" TAIL,
     NULL, PL_VERDICT_PASS, NULL, 0},
    {"standard library is read-only",
     HEAD "local s = require('plimsoll.stages') s.shipped = function() end" TAIL, NULL,
     PL_VERDICT_ERROR, "read-only", 0},
    {"no such standard module", HEAD "require('plimsoll.io')" TAIL, NULL, PL_VERDICT_ERROR,
     "'plimsoll.io' is not a module of plimsoll's standard library", 0},
    {"collectgarbage", HEAD "collectgarbage('stop')" TAIL, NULL, PL_VERDICT_ERROR,
     "global 'collectgarbage'", 0},
    {"warn", HEAD "warn('@on') warn('to stderr')" TAIL, NULL, PL_VERDICT_ERROR, "global 'warn'", 0},
    /* CPU */
    {"endless loop", HEAD "while true do end" TAIL, NULL, PL_VERDICT_ERROR,
     "instruction limit of 2000000 exceeded", 0},
    {"loop in pcall", HEAD "while true do pcall(function() while true do end end) end" TAIL, NULL,
     PL_VERDICT_ERROR, "instruction limit", 0},
    {"loop in coroutine",
     HEAD "local co = coroutine.create(function() while true do end end) coroutine.resume(co)" TAIL,
     NULL, PL_VERDICT_ERROR, "instruction limit", 0},
    {"loop in coroutine.wrap under pcall",
     HEAD "pcall(coroutine.wrap(function() while true do end end))" TAIL, NULL, PL_VERDICT_ERROR,
     "instruction limit", 0},
    {"loop in xpcall handler",
     HEAD "xpcall(function() error('x') end, function() while true do end end)" TAIL, NULL,
     PL_VERDICT_ERROR, "instruction limit", 0},
    {"loop in chunk-level coroutine", NULL, "early-coroutine.lua", PL_VERDICT_ERROR,
     "instruction limit", 0},
    /* memory */
    {"memory bomb", HEAD "local s = 'x' while true do s = s .. s end" TAIL, NULL, PL_VERDICT_ERROR,
     "memory limit of 16 MiB exceeded", 0},
    {"memory bomb in pcall", HEAD "while true do pcall(string.rep, 'x', 1 << 30) end" TAIL, NULL,
     PL_VERDICT_ERROR, "memory limit of 16 MiB exceeded", 0},
    {"table bomb", HEAD "local t = {} for i = 1, 1e9 do t[i] = {i} end" TAIL, NULL,
     PL_VERDICT_ERROR, "memory limit", 0},
    /* the input */
    {"doc.kind = x", HEAD "df.kind = 'x'" TAIL, NULL, PL_VERDICT_ERROR,
     "attempt to modify the input", 0},
    {"rawset(doc)", HEAD "rawset(df, 'kind', 'x')" TAIL, NULL, PL_VERDICT_ERROR,
     "attempt to modify the input", 0},
    {"rawset nested", HEAD "rawset(df.stages[1].from, 'image', 'evil')" TAIL, NULL,
     PL_VERDICT_ERROR, "attempt to modify the input", 0},
    {"table.insert(doc.instructions)", HEAD "table.insert(df.instructions, {})" TAIL, NULL,
     PL_VERDICT_ERROR, "attempt to modify the input", 0},
    {"table.remove(doc.instructions)", HEAD "table.remove(df.instructions)" TAIL, NULL,
     PL_VERDICT_ERROR, "attempt to modify the input", 0},
    {"table.sort(argv)",
     HEAD "table.sort(df.instructions[2].commands[1].argv, function(a, b) return a > b end)" TAIL,
     NULL, PL_VERDICT_ERROR, "attempt to modify the input", 0},
    {"setmetatable(doc)", HEAD "setmetatable(df, nil)" TAIL, NULL, PL_VERDICT_ERROR,
     "protected metatable", 0},
    {"methods through getmetatable", NULL, "methods-tamper.lua", PL_VERDICT_PASS, NULL, 0},
    /* shared libraries */
    {"string metatable", HEAD "getmetatable('').__index.lower = function() return 'pwned' end" TAIL,
     NULL, PL_VERDICT_ERROR, "a boolean value", 0},
    {"string.lower", HEAD "string.lower = function() return 'pwned' end" TAIL, NULL,
     PL_VERDICT_ERROR, "read-only table", 0},
    {"rawset(string)", HEAD "rawset(string, 'lower', function() return 'pwned' end)" TAIL, NULL,
     PL_VERDICT_ERROR, "read-only table", 0},
    {"math", HEAD "math.floor = function() return 42 end" TAIL, NULL, PL_VERDICT_ERROR,
     "read-only table", 0},
    {"pl helpers", HEAD "pl.trim = function() return 'pwned' end" TAIL, NULL, PL_VERDICT_ERROR,
     "read-only table", 0},
    {"math.randomseed", HEAD "math.randomseed(1)" TAIL, NULL, PL_VERDICT_ERROR,
     "field 'randomseed'", 0},
    {"a global another rule reads", HEAD "shared = 'pwned'; setmetatable = nil; print = nil" TAIL,
     NULL, PL_VERDICT_PASS, NULL, 0},
    {"a global set at load time", NULL, "global-at-load.lua", PL_VERDICT_PASS, NULL, 0},
    {"_ENV metatable",
     HEAD "local mt = getmetatable(_ENV) if mt then mt.__index.string = {} end error('mt=' .. "
          "tostring(mt), 0)" TAIL,
     NULL, PL_VERDICT_ERROR, "mt=false", 0},
    /* finalizers and error objects */
    {"__gc finalizer", HEAD "setmetatable({}, { __gc = function() while true do end end })" TAIL,
     NULL, PL_VERDICT_ERROR, "__gc finalizers are not allowed", 0},
    {"hostile __tostring",
     HEAD "error(setmetatable({}, { __tostring = function() error('x') end }))" TAIL, NULL,
     PL_VERDICT_ERROR, "(error object is a table value)", 0},
    {"__tostring in print",
     HEAD "print(setmetatable({}, { __tostring = function() while true do end end }))" TAIL, NULL,
     PL_VERDICT_ERROR, "instruction limit", 0},
    {"error(nil)", HEAD "error(nil)" TAIL, NULL, PL_VERDICT_ERROR, "(error object is a nil value)",
     0},
    {"error({})", HEAD "error({})" TAIL, NULL, PL_VERDICT_ERROR, "(error object is a table value)",
     0},
    {"huge error message", HEAD "error(string.rep('y', 1000000))" TAIL, NULL, PL_VERDICT_ERROR,
     "(truncated)", 0},
    {"coroutine.close nesting", NULL, "close-nesting.lua", PL_VERDICT_ERROR,
     "coroutine.close nested too deeply", (size_t)256 << 20},
    /* output */
    {"huge message", HEAD "report { message = string.rep('m', 1000000) .. '\\27[31m' }" TAIL, NULL,
     PL_VERDICT_FAIL, NULL, 0},
    {"100000 findings",
     HEAD "for i = 1, 100000 do report { message = 'f' .. i, line = i } end" TAIL, NULL,
     PL_VERDICT_FAIL, "99000 more findings were dropped", 0},
    {"non-string message",
     HEAD "report { message = setmetatable({}, { __tostring = function() return 'x' end }) }" TAIL,
     NULL, PL_VERDICT_ERROR, "message must be a string", 0},
    {"report kept for later", NULL, "report-later.lua", PL_VERDICT_ERROR, "called after the check",
     0, true},
};

static void message_and_count_caps(void **state) {
    (void)state;
    pl_results res;
    pl_results_init(&res);
    free(run(NULL, &res,
             HEAD "report { message = string.rep('m', 1000000) .. '\\27[31m\\n' }\n"
                  "for i = 1, 5000 do report { message = 'f' .. i, line = i } end" TAIL));
    size_t n = findings_of(&res, "a-hostile");
    assert_int_equal(n, 2 * 1000); /* two evaluations, each capped at max_findings */
    const pl_finding *big = NULL;
    for (size_t i = 0; i < res.nfindings; i++)
        if (strcmp(res.findings[i].rule, "a-hostile") == 0 && strlen(res.findings[i].message) > 100)
            big = &res.findings[i];
    assert_non_null(big);
    assert_true(strlen(big->message) <= 4096 + 32);
    assert_non_null(strstr(big->message, "(truncated)"));
    for (const char *p = big->message; *p; p++)
        assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
    const pl_verdict *v = verdict_of(&res, "a-hostile");
    assert_int_equal(v->nfindings, 1000);
    assert_non_null(strstr(v->message, "output cut"));
    pl_results_free(&res);
}

static void print_goes_to_the_rule_log(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/talks.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df)\n"
        "  print('kind', df.kind, 42, '\\27[2J')\n  for i = 1, 10000 do print(string.rep('z', "
        "100)) end\nend }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    const char *log = pl_engine_rule_log(e, 0);
    const char *first = "kind\tdockerfile\t42\t\\x1b[2J\n";
    assert_int_equal(strncmp(log, first, strlen(first)), 0);
    assert_true(strlen(log) <= 64 * 1024 + 32);
    assert_non_null(strstr(log, "(truncated)"));
    assert_int_equal(verdict_of(&res, "talks")->status, PL_VERDICT_PASS);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

int main(void) {
    struct CMUnitTest tests[sizeof cases / sizeof cases[0] + 2];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tests[n] = (struct CMUnitTest){cases[i].name, hostile, NULL, NULL, (void *)&cases[i]};
        n++;
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(message_and_count_caps);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(print_goes_to_the_rule_log);
    return _cmocka_run_group_tests("sandbox", tests, n, NULL, NULL);
}
