/* test_evaluate.c — verdicts, findings with locations, and limits as verdicts
 * (src/engine/evaluate.c), on Dockerfiles read by the real parser. */
#include "engine_test.h"

#define RULE(body)                                                                                 \
    "return { title = 't', severity = 'high', input = 'dockerfile', check = function(df, "         \
    "report)\n" body "\nend }"

static const char *const DF = "FROM alpine:3.19 AS build\n"
                              "RUN apk add curl \\\n"
                              "    && sudo apt-get install -qy git\n"
                              "USER root\n"
                              "FROM build\n"
                              "CMD [\"sh\"]\n";

static void verdicts_and_locations(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/passes.lua",
        RULE(""),
        "dockerfile/fails.lua",
        RULE("for cmd in df:commands('apt-get', 'install') do report { message = 'apt: ' .. "
             "cmd.name, at = cmd } end"),
        "dockerfile/raises.lua",
        RULE("local x = nil; return x.y"),
        "image/img.lua",
        "return { title = 't', severity = 'low', input = 'image', check = function() "
        "error('never') end }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    assert_int_equal(res.nproblems, 0);
    assert_int_equal(pl_engine_rule_count(e), 4);
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF);
    pl_engine_evaluate(e, doc, &res);
    dump_results(&res);
    assert_int_equal(verdict_of(&res, "passes")->status, PL_VERDICT_PASS);
    assert_int_equal(verdict_of(&res, "fails")->status, PL_VERDICT_FAIL);
    assert_int_equal(verdict_of(&res, "raises")->status, PL_VERDICT_ERROR);
    assert_null(verdict_of(&res, "img")); /* not run on a Dockerfile */
    assert_int_equal(findings_of(&res, "fails"), 1);
    const pl_finding *f = finding_of(&res, "fails", 0);
    assert_string_equal(f->message, "apt: apt-get");
    assert_int_equal(f->line, 3); /* the line of the command, not of RUN */
    assert_int_equal(f->severity, PL_SEV_HIGH);
    assert_string_equal(f->path, "Dockerfile");
    const pl_problem *p = problem_about(&res, "attempt to index a nil value");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/raises.lua");
    assert_int_equal(p->line, 2);
    assert_string_equal(p->rule, "raises");
    assert_non_null(strstr(p->message, "policies/dockerfile/raises.lua:2:"));
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void report_fields(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/r.lua",
        RULE("report { message = 'override', at = df.instructions[2], severity = 'critical', "
             "column = 7 }\n"
             "report { message = 'explicit line', line = 4 }\n"
             "report { message = 'whole file' }\n"
             "report { message = 'stage', at = df.stages[1] }"),
        "dockerfile/bad-sev.lua",
        RULE("report { message = 'x', severity = 'urgent' }"),
        "dockerfile/bad-line.lua",
        RULE("report { message = 'x', line = 'four' }"),
        "dockerfile/bad-at.lua",
        RULE("report { message = 'x', at = 3 }"),
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    const pl_finding *f = finding_of(&res, "r", 0);
    assert_string_equal(f->message, "override");
    assert_int_equal(f->severity, PL_SEV_CRITICAL);
    assert_int_equal(f->line, 2);
    assert_int_equal(f->end_line, 3);
    assert_int_equal(f->column, 7);
    f = finding_of(&res, "r", 1);
    assert_int_equal(f->line, 4);
    assert_int_equal(f->severity, PL_SEV_HIGH);
    f = finding_of(&res, "r", 2);
    assert_int_equal(f->line, 0);
    f = finding_of(&res, "r", 3);
    assert_int_equal(f->line, 1);
    assert_non_null(strstr(verdict_of(&res, "bad-sev")->message, "severity must be one of"));
    assert_non_null(
        strstr(verdict_of(&res, "bad-line")->message, "line must be a non-negative integer"));
    assert_non_null(strstr(verdict_of(&res, "bad-at")->message, "at must be a node"));
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

/* A misspelt field or a place that is no place made a finding that said less than the
 * rule meant, silently: each is now an error of the rule, never a pass. */
static void misspelt_report_fields_are_errors(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/prest.lua",
        RULE("report { message = 'x', prest = 'strict' }"),
        "dockerfile/sevrity.lua",
        RULE("report { message = 'x', sevrity = 'low' }"),
        "dockerfile/empty-at.lua",
        RULE("report { message = 'x', at = {} }"),
        "dockerfile/lin-at.lua",
        RULE("report { message = 'x', at = { lin = 3 } }"),
        "dockerfile/zero-at.lua",
        RULE("report { message = 'x', at = { line = 0 } }"),
        "dockerfile/positional.lua",
        RULE("report { 'x', message = 'x' }"),
        "dockerfile/proxy.lua",
        RULE("report(df.instructions[1])"),
        "dockerfile/fine.lua",
        RULE("report { message = 'made', at = { line = 2 } }\n"
             "report { message = 'node', at = df.instructions[3] }"),
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    assert_int_equal(res.nproblems, 0);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    dump_results(&res);
    static const struct {
        const char *rule, *needle;
    } want[] = {
        {"prest", "report: unknown field 'prest'; use message, at, line, column or severity"},
        {"sevrity", "report: unknown field 'sevrity'; did you mean 'severity'?"},
        {"empty-at", "report: at has no location"},
        {"lin-at", "report: at has no location"},
        {"zero-at", "report: at has no location"},
        {"positional", "report: fields are named"},
        {"proxy", "report: unknown field"}, /* a node is not a report */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const pl_verdict *v = verdict_of(&res, want[i].rule);
        assert_non_null(v);
        assert_int_equal(v->status, PL_VERDICT_ERROR);
        if (!strstr(v->message, want[i].needle))
            fprintf(stderr, "%s: %s\n", want[i].rule, v->message);
        assert_non_null(strstr(v->message, want[i].needle));
        assert_int_equal(findings_of(&res, want[i].rule), 0);
    }
    assert_int_equal(verdict_of(&res, "fine")->status, PL_VERDICT_FAIL);
    assert_int_equal(finding_of(&res, "fine", 0)->line, 2);
    assert_int_equal(finding_of(&res, "fine", 1)->line, 4);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

/* the fingerprint follows the instruction's text, not its line */
static void fingerprints_survive_edits_elsewhere(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/u.lua",
        RULE("for ins in df:each('user') do report { message = 'user', at = ins } end"), NULL};
    pl_results r1, r2;
    pl_results_init(&r1);
    pl_results_init(&r2);
    pl_engine *e = engine_from(NULL, &r1, files);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", "FROM a\nUSER root\n"),
                       &r1);
    pl_engine_evaluate(
        e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", "FROM a\nRUN x\n\nUSER root\n"), &r2);
    assert_int_equal(r1.findings[0].line, 2);
    assert_int_equal(r2.findings[0].line, 4);
    assert_string_equal(r1.findings[0].fingerprint, r2.findings[0].fingerprint);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&r1);
    pl_results_free(&r2);
}

/* a document too big for the memory limit is an error for each rule, not a pass */
static void input_over_the_memory_limit(void **state) {
    (void)state;
    static const char *const files[] = {"dockerfile/p.lua", RULE(""), "dockerfile/q.lua", RULE(""),
                                        NULL};
    pl_limits lim;
    pl_limits_default(&lim);
    lim.memory_bytes = 1 << 20;
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(&lim, &res, files);
    assert_int_equal(res.nproblems, 0);
    pl_buf big;
    pl_buf_init(&big);
    pl_buf_puts(&big, "FROM a\n");
    for (int i = 0; i < 6000; i++)
        pl_buf_printf(&big, "RUN echo %d && true\n", i);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", big.data), &res);
    assert_int_equal(verdict_of(&res, "p")->status, PL_VERDICT_ERROR);
    assert_non_null(strstr(verdict_of(&res, "p")->message, "memory limit of 1 MiB"));
    assert_int_equal(verdict_of(&res, "q")->status, PL_VERDICT_ERROR);
    /* and a small document still works afterwards */
    pl_results r2;
    pl_results_init(&r2);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &r2);
    assert_int_equal(verdict_of(&r2, "p")->status, PL_VERDICT_PASS);
    pl_results_free(&r2);
    pl_buf_free(&big);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

/* the prelude helpers, as rules call them */
static void prelude_helpers(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/h.lua",
        RULE("local function t(name, got, want) if got ~= want then report { message = name .. ': "
             "' .. tostring(got) } end end\n"
             "local r = pl.image_ref('ghcr.io/org/app:1.2@sha256:ab')\n"
             "t('registry', r.registry, 'ghcr.io') t('repo', r.repository, 'org/app') t('tag', "
             "r.tag, '1.2') t('digest', r.digest, 'sha256:ab')\n"
             "r = pl.image_ref('nginx') t('lib', r.repository, 'library/nginx') t('hub', "
             "r.registry, 'docker.io') t('notag', r.tag, nil)\n"
             "r = pl.image_ref('localhost:5000/x:y') t('local', r.registry, 'localhost:5000') "
             "t('localtag', r.tag, 'y')\n"
             "r = pl.image_ref('index.docker.io/nginx:') t('hubhost', r.repository, "
             "'library/nginx') t('name', r.name, 'nginx') t('emptytag', r.tag, '')\n"
             "t('uq1', pl.unquote('\"a b\"'), 'a b') t('uq2', pl.unquote(\"'x'\"), 'x') t('uq3', "
             "pl.unquote('\"x'), '\"x')\n"
             "t('glob1', pl.glob('*.lua', 'a/b.lua'), true) t('glob2', pl.glob('a?[bc]*', 'axc'), "
             "true) t('glob3', pl.glob('[!a]*', 'abc'), false)\n"
             "t('glob4', pl.glob(('*a'):rep(20), ('a'):rep(200) .. 'b'), false)\n"
             "t('trim', pl.trim(' \\t x y \\n'), 'x y') t('split', #pl.split('a,,b', ','), 3) "
             "t('splitws', pl.split('  a  b ')[2], 'b')\n"
             "t('sw', pl.startswith('abc', 'ab'), true) t('ew', pl.endswith('abc', 'bc'), true)\n"
             "t('sn1', pl.secret_name('DB_PASSWORD'), true) t('sn2', "
             "pl.secret_name('PASSWORD_FILE'), false) t('sn3', pl.secret_name('apiKey'), true)\n"
             "t('sn4', pl.secret_name('PUBLIC_KEY'), false) t('sn5', pl.secret_name('PWD'), false) "
             "t('sn6', pl.secret_name('AWS_ACCESS_KEY_ID'), false)\n"
             "t('sv1', pl.secret_value('key=AKIAZ7VQ3WJXN4LHKP2M'), 'AWS access key id') t('sv2', "
             "pl.secret_value('AKIAIOSFODNN7EXAMPLE'), nil)\n"
             "t('sv3', pl.secret_value('ghp_' .. ('x'):rep(36)), nil) t('sv4', "
             "pl.secret_value('https://bob:s3cr3tPw@db.example.com/x'), 'password in a URL')\n"
             "t('sv5', pl.secret_value('https://user:${PASS}@host'), nil) t('sv6', "
             "pl.secret_value('ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'), 'GitHub token')\n"
             "t('sv7', pl.secret_value(('a'):rep(100000)), nil)\n"
             "local c = pl.read_script('sudo -u app env A=1 bash -c \"apt-get install -y x && echo "
             "ok\"')[1]\n"
             "local u = c:unwrap() t('unwrap n', #u, 2) t('unwrap1', u[1].name, 'apt-get') "
             "t('unwrap2', u[2].argv[2], 'ok') t('wrapper', u[1].wrapper, 'bash')\n"
             "t('hasflag', u[1]:has_flag('--yes', '-y'), true)\n"
             "local x = pl.read_script('timeout 10 nice -n 5 xargs -I{} curl -fsSL -o out "
             "http://x')[1]:unwrap()[1]\n"
             "t('curl', x.name, 'curl') t('curlargs', table.concat(x:args(), ' '), 'http://x') "
             "t('curl -s', x:has_flag('-s'), true) t('curl -o', x:flag_value('-o', '--output'), "
             "'out')\n"
             "t('command -v', #pl.read_script('command -v curl')[1]:unwrap(), 1)"),
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    assert_int_equal(res.nproblems, 0);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    assert_int_equal(res.nfindings, 0);
    assert_int_equal(verdict_of(&res, "h")->status, PL_VERDICT_PASS);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verdicts_and_locations),
        cmocka_unit_test(report_fields),
        cmocka_unit_test(misspelt_report_fields_are_errors),
        cmocka_unit_test(fingerprints_survive_edits_elsewhere),
        cmocka_unit_test(input_over_the_memory_limit),
        cmocka_unit_test(prelude_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
