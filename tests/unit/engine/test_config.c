/* test_config.c — the configuration reader (src/engine/config.c): every kind of mistake
 * at its exact line and column; globs, dates and suppression comments (src/engine/filter.c). */
#include <jansson.h>

#include "plimsoll/config.h"

#include "engine_test.h"

/* Parses text; expects failure at line:column with needle in the message. */
static void expect_error(const char *text, int line, int column, const char *needle) {
    pl_config c;
    pl_error err;
    memset(&err, 0, sizeof err);
    int rc = pl_config_parse("cfg.yaml", "/proj", text, strlen(text), &c, &err);
    if (rc == 0 || err.line != line || err.column != column || !strstr(err.message, needle))
        fprintf(stderr, "for:\n%s\ngot rc=%d %d:%d %s\n", text, rc, err.line, err.column,
                err.message);
    assert_int_equal(rc, -1);
    assert_string_equal(err.path, "cfg.yaml");
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_non_null(strstr(err.message, needle));
    pl_config_free(&c);
}

static void misspelt_keys_name_the_nearest(void **state) {
    (void)state;
    /* every level of the file: the key, where it is, and what was meant */
    expect_error("fail-on: high\nfial-on: low\n", 2, 1,
                 "unknown key 'fial-on'; did you mean 'fail-on'?");
    expect_error("fail_on: high\n", 1, 1, "did you mean 'fail-on'?");
    expect_error("exeptions: []\n", 1, 1, "unknown key 'exeptions'; did you mean 'exceptions'?");
    expect_error("limits:\n  timeout: 5\n", 2, 3,
                 "unknown key 'timeout' in limits; did you mean 'timeout-ms'?");
    expect_error("rules:\n  x:\n    sevrity: low\n", 3, 5,
                 "unknown key 'sevrity' for rule x; did you mean 'severity'?");
    expect_error("rules:\n  x:\n    parms: {}\n", 3, 5, "did you mean 'params'?");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    expire: 2030-01-01\n", 4, 5,
                 "unknown key 'expire' in an exception; did you mean 'expires'?");
    /* nothing near: the valid names instead of a wild guess */
    expect_error("colour: red\n", 1, 1, "unknown key 'colour'; use policies, builtin, fail-on");
    expect_error("limits:\n  cpu: 1\n", 2, 3,
                 "use memory-mib, instructions, findings or timeout-ms");
    /* a key that is no word at all is shown safely */
    expect_error("\"a\\tb\": 1\n", 1, 1, "unknown key 'a?b'");
}

static void blank_reasons_are_refused(void **state) {
    (void)state;
    /* a reason must say something: blanks, dots and invisible spaces do not */
    expect_error("exceptions:\n  - rule: x\n    reason: \"   \"\n", 3, 13, "reason must say why");
    expect_error("exceptions:\n  - rule: x\n    reason: \"\\t\\n\"\n", 3, 13,
                 "reason must say why");
    expect_error("exceptions:\n  - rule: x\n    reason: \"...\"\n", 3, 13, "reason must say why");
    expect_error("exceptions:\n  - rule: x\n    reason: \"\\u00a0\\u200b\"\n", 3, 13,
                 "reason must say why");
    expect_error("exceptions:\n  - rule: x\n    reason: >\n      \n", 3, 13, "reason must say why");
}

static void every_key_read_with_positions(void **state) {
    (void)state;
    static const char text[] = "policies:\n"
                               "  - company\n"
                               "  - /abs/policies\n"
                               "builtin: false\n"
                               "fail-on: high\n"
                               "preset: strict\n"
                               "format: json\n"
                               "locked: true\n"
                               "unused-suppressions: error\n"
                               "build-args:\n"
                               "  VERSION: \"1.2\"\n"
                               "limits:\n"
                               "  memory-mib: 32\n"
                               "  instructions: 1000\n"
                               "  findings: 5\n"
                               "  timeout-ms: 2000\n"
                               "rules:\n"
                               "  DL3008:\n"
                               "    enabled: false\n"
                               "    severity: info\n"
                               "    params:\n"
                               "      n: 3\n"
                               "      s: \"3\"\n"
                               "      l: [a, b]\n"
                               "      f: 0.5\n"
                               "      b: yes\n"
                               "exceptions:\n"
                               "  - rule: \"*\"\n"
                               "    paths: [\"services/**/Dockerfile\"]\n"
                               "    stage: build\n"
                               "    line: 4\n"
                               "    reason: legacy\n"
                               "    expires: 2024-02-29\n";
    pl_config c;
    pl_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(pl_config_parse("cfg.yaml", "/proj", text, strlen(text), &c, &err), 0);
    assert_int_equal(c.npolicies, 2);
    assert_string_equal(c.policies[0], "/proj/company");
    assert_string_equal(c.policies[1], "/abs/policies");
    assert_int_equal(c.builtin, 0);
    assert_int_equal(c.fail_on, PL_SEV_HIGH);
    assert_int_equal(c.fail_on_pos.line, 5);
    assert_int_equal(c.fail_on_pos.column, 10);
    assert_string_equal(c.preset, "strict");
    assert_string_equal(c.format, "json");
    assert_int_equal(c.locked, 1);
    assert_int_equal(c.unused_suppressions_error, 1);
    assert_int_equal(c.nbuild_args, 1);
    assert_string_equal(c.build_args[0], "VERSION=1.2");
    assert_int_equal(c.memory_mib, 32);
    assert_int_equal(c.instructions, 1000);
    assert_int_equal(c.findings, 5);
    assert_int_equal(c.timeout_ms, 2000);
    assert_int_equal(c.nrules, 1);
    assert_string_equal(c.rules[0].id, "DL3008");
    assert_int_equal(c.rules[0].pos.line, 18);
    assert_int_equal(c.rules[0].enabled, 0);
    assert_int_equal(c.rules[0].severity, PL_SEV_INFO);
    assert_int_equal(c.rules[0].nparams, 5);
    assert_true(json_is_integer(c.rules[0].params[0].value));
    assert_true(json_is_string(c.rules[0].params[1].value)); /* quoted: a string */
    assert_true(json_is_array(c.rules[0].params[2].value));
    assert_true(json_is_real(c.rules[0].params[3].value));
    assert_true(json_is_string(c.rules[0].params[4].value)); /* YAML 1.2: yes is a string */
    assert_int_equal(c.rules[0].params[2].pos.line, 24);
    assert_int_equal(c.nexceptions, 1);
    const pl_config_exception *x = &c.exceptions[0];
    assert_string_equal(x->rule, "*");
    assert_string_equal(x->paths[0], "services/**/Dockerfile");
    assert_string_equal(x->stage, "build");
    assert_int_equal(x->line, 4);
    assert_string_equal(x->reason, "legacy");
    assert_string_equal(x->expires, "2024-02-29");
    assert_int_equal(x->pos.line, 28);
    assert_int_equal(x->pos.column, 5);
    pl_config_free(&c);

    /* an empty file is a valid, empty configuration */
    assert_int_equal(pl_config_parse("cfg.yaml", "/proj", "", 0, &c, &err), 0);
    assert_int_equal(c.builtin, -1);
    pl_config_free(&c);
}

static void mistakes_at_their_place(void **state) {
    (void)state;
    expect_error("fail-on: high\nfial-on: low\n", 2, 1, "unknown key 'fial-on'");
    expect_error("fail-on: urgent\n", 1, 10,
                 "fail-on must be critical, high, medium, low or info, not 'urgent'");
    expect_error("builtin: maybe\n", 1, 10, "builtin must be true or false, not 'maybe'");
    expect_error("policies: company\n", 1, 11, "policies must be a list, not a scalar");
    expect_error("preset: paranoid\n", 1, 9, "preset must be default or strict");
    expect_error("format: sarif-ish\n", 1, 9, "format must be one of text|json|sarif");
    expect_error("limits:\n  memory-mib: -1\n", 2, 15, "memory-mib must be a whole number");
    expect_error("limits:\n  cpu: 1\n", 2, 3, "unknown key 'cpu' in limits");
    expect_error("rules:\n  x:\n    enabled: 1\n", 3, 14, "enabled must be true or false");
    expect_error("rules:\n  x:\n    severity: severe\n", 3, 15, "severity must be critical");
    expect_error("rules:\n  x:\n    on: true\n", 3, 5, "unknown key 'on' for rule x");
    expect_error("rules:\n  x: true\n", 2, 6, "x must be a mapping");
    expect_error("rules:\n  x:\n    params:\n      p: {a: 1}\n", 4, 10, "parameter p of x");
    expect_error("exceptions:\n  - rule: x\n    paths: [a]\n", 2, 5, "an exception needs reason");
    expect_error("exceptions:\n  - paths: [a]\n    reason: r\n", 2, 5, "an exception needs rule");
    expect_error("exceptions:\n  - rule: x\n    reason: \"\"\n", 3, 13, "reason must say why");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    expires: 2024-02-30\n", 4, 14,
                 "expires must be a date YYYY-MM-DD, not '2024-02-30'");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    expires: tomorrow\n", 4, 14,
                 "expires must be a date");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    line: zero\n", 4, 11,
                 "line must be a whole number");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    paths: [/etc/x]\n", 4, 13,
                 "not absolute");
    expect_error("exceptions:\n  - rule: x\n    reason: r\n    why: because\n", 4, 5,
                 "unknown key 'why' in an exception");
    expect_error("exceptions:\n  rule: x\n", 2, 3, "exceptions must be a list, not a mapping");
    expect_error("fail-on: high\nfail-on: low\n", 2, 1,
                 "duplicate key 'fail-on' (first at line 1)");
    expect_error("- a\n- b\n", 1, 1, "the configuration must be a mapping");
    expect_error("fail-on: [high\n", 2, 1, "not valid YAML");
    expect_error("fail-on: high\n---\nfail-on: low\n", 3, 1, "a second YAML document");
}

static void apply_checks_rules_and_params(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/p.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', aliases = { 'XX1' },\n"
        "  params = { n = { type = 'integer', default = 1, description = 'd' } },\n"
        "  check = function(df, report, params) report { message = 'n=' .. params.n } end }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    struct {
        const char *text;
        int line, column;
        const char *needle;
    } bad[] = {
        {"rules:\n  nope:\n    enabled: false\n", 2, 3, "unknown rule 'nope'"},
        {"rules:\n  XX1:\n    params:\n      m: 2\n", 4, 7, "rule p has no parameter 'm'"},
        {"rules:\n  p:\n    params:\n      n: \"2\"\n", 4, 10, "is of type integer, not a string"},
        {"exceptions:\n  - rule: ghost\n    reason: r\n", 2, 11,
         "unknown rule 'ghost' in an exception"},
        /* a misspelt id or alias names the one meant */
        {"rules:\n  XX2:\n    enabled: false\n", 2, 3, "unknown rule 'XX2'; did you mean 'XX1'?"},
        {"exceptions:\n  - rule: q\n    reason: r\n", 2, 11,
         "unknown rule 'q' in an exception; did you mean 'p'?"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pl_config c;
        pl_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(
            pl_config_parse("cfg.yaml", "/p", bad[i].text, strlen(bad[i].text), &c, &err), 0);
        assert_int_equal(pl_config_apply(&c, e, &err), -1);
        if (err.line != bad[i].line || err.column != bad[i].column)
            fprintf(stderr, "%s -> %d:%d %s\n", bad[i].text, err.line, err.column, err.message);
        assert_int_equal(err.line, bad[i].line);
        assert_int_equal(err.column, bad[i].column);
        assert_non_null(strstr(err.message, bad[i].needle));
        pl_config_free(&c);
    }
    static const char good[] = "rules:\n  XX1:\n    severity: high\n    params:\n      n: 5\n";
    pl_config c;
    pl_error err;
    assert_int_equal(pl_config_parse("cfg.yaml", "/p", good, strlen(good), &c, &err), 0);
    assert_int_equal(pl_config_apply(&c, e, &err), 0);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", "FROM x\n"), &res);
    assert_string_equal(finding_of(&res, "p", 0)->message, "n=5");
    assert_int_equal(finding_of(&res, "p", 0)->severity, PL_SEV_HIGH);
    pl_arena_free(&a);
    pl_config_free(&c);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void globs(void **state) {
    (void)state;
    assert_true(pl_glob_match("Dockerfile", "Dockerfile"));
    assert_false(pl_glob_match("Dockerfile", "a/Dockerfile"));
    assert_true(pl_glob_match("**/Dockerfile", "Dockerfile"));
    assert_true(pl_glob_match("**/Dockerfile", "a/b/Dockerfile"));
    assert_true(pl_glob_match("services/**", "services/a/b"));
    assert_true(pl_glob_match("services/**/Dockerfile", "services/Dockerfile"));
    assert_true(pl_glob_match("services/**/Dockerfile", "services/x/y/Dockerfile"));
    assert_false(pl_glob_match("services/**/Dockerfile", "other/x/Dockerfile"));
    assert_true(pl_glob_match("services/*/Dockerfile", "services/api/Dockerfile"));
    assert_false(pl_glob_match("services/*/Dockerfile", "services/a/b/Dockerfile"));
    assert_true(pl_glob_match("*.Dockerfile", "web.Dockerfile"));
    assert_false(pl_glob_match("*.Dockerfile", "dir/web.Dockerfile")); /* '*' stays in a segment */
    assert_true(pl_glob_match("Dockerfile.?", "Dockerfile.a"));
    assert_false(pl_glob_match("Dockerfile.?", "Dockerfile.ab"));
    assert_true(pl_glob_match("Dockerfile.[ab]", "Dockerfile.b"));
    assert_false(pl_glob_match("Dockerfile.[!ab]", "Dockerfile.b"));
    assert_true(pl_glob_match("Dockerfile.[a-c]", "Dockerfile.c"));
    assert_true(pl_glob_match("a*b*c", "aXXbYYc"));
    assert_false(pl_glob_match("a*b*c", "aXXbYY"));
    /* no blow-up on a pathological pattern */
    assert_false(
        pl_glob_match("**/**/**/**/**/**/**/**/x", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/y"));
}

static void dates(void **state) {
    (void)state;
    assert_true(pl_date_valid("2024-02-29"));
    assert_false(pl_date_valid("2023-02-29"));
    assert_true(pl_date_valid("2000-02-29"));
    assert_false(pl_date_valid("1900-02-29"));
    assert_false(pl_date_valid("2024-13-01"));
    assert_false(pl_date_valid("2024-1-01"));
    assert_false(pl_date_valid("2024-01-01x"));
    assert_false(pl_date_valid(NULL));
}

static void suppression_comments(void **state) {
    (void)state;
    static const char df_text[] =
        "# check=skip=JSONArgsRecommended,StageNameCasing;error=true\n" /* 1 */
        "FROM alpine\n"                                                 /* 2 */
        "# plimsoll ignore=a, b -- we know\n"                           /* 3 */
        "RUN x \\\n"                                                    /* 4 */
        "  && y\n"                                                      /* 5 */
        "# hadolint ignore=DL3008,DL3015\n"                             /* 6 */
        "RUN z\n"                                                       /* 7 */
        "# plimsoll global ignore=c -- generated file\n"                /* 8 */
        "# hadolint global ignore=DL3000\n"                             /* 9 */
        "# plimsoll ignore=d\n"                                         /* 10: no reason */
        "# plimsoll is a tool, not an annotation\n"                     /* 11 */
        "# plimsoll ignore=\n"                                          /* 12 */
        "CMD z\n";                                                      /* 13 */
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", df_text);
    pl_results res;
    pl_results_init(&res);
    pl_suppression_list l;
    pl_suppressions_collect(&a, doc->dockerfile, &l, &res);
    dump_results(&res);
    assert_int_equal(l.n, 5);
    assert_string_equal(l.items[0].origin, "buildkit");
    assert_true(l.items[0].global);
    assert_int_equal(l.items[0].nrules, 2);
    assert_string_equal(l.items[0].rules[1], "StageNameCasing");
    assert_string_equal(l.items[1].origin, "plimsoll");
    assert_int_equal(l.items[1].nrules, 2);
    assert_string_equal(l.items[1].rules[1], "b");
    assert_string_equal(l.items[1].reason, "we know");
    assert_int_equal(l.items[1].target_line, 4);
    assert_int_equal(l.items[1].target_end_line, 5);
    assert_string_equal(l.items[2].origin, "hadolint");
    assert_int_equal(l.items[2].target_line, 7);
    assert_string_equal(l.items[2].rules[0], "DL3008");
    assert_true(l.items[3].global);
    assert_string_equal(l.items[3].reason, "generated file");
    assert_true(l.items[4].global);
    assert_string_equal(l.items[4].origin, "hadolint");
    /* the malformed plimsoll comments are errors at their lines; the prose is not */
    assert_int_equal(res.nproblems, 2);
    assert_int_equal(res.problems[0].line, 10);
    assert_non_null(strstr(res.problems[0].message, "needs a reason"));
    assert_int_equal(res.problems[1].line, 12);
    assert_non_null(strstr(res.problems[1].message, "names no rule"));
    pl_results_free(&res);
    pl_arena_free(&a);
}

static void pragma_reasons_must_say_something(void **state) {
    (void)state;
    /* "--" followed by blanks, dots or a no-break space passed as a reason once */
    static const char df_text[] = "FROM alpine\n"                                /* 1 */
                                  "# plimsoll ignore=a -- \t \n"                 /* 2 */
                                  "# plimsoll ignore=a -- ...\n"                 /* 3 */
                                  "# plimsoll ignore=a -- \xc2\xa0\n"            /* 4 */
                                  "# plimsoll ignore=a -- ok: pinned upstream\n" /* 5 */
                                  "RUN x\n";
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", df_text);
    pl_results res;
    pl_results_init(&res);
    pl_suppression_list l;
    pl_suppressions_collect(&a, doc->dockerfile, &l, &res);
    dump_results(&res);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].reason, "ok: pinned upstream");
    assert_int_equal(res.nproblems, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(res.problems[i].line, i + 2);
        assert_non_null(strstr(res.problems[i].message, "needs a reason in words"));
    }
    pl_results_free(&res);
    pl_arena_free(&a);
}

/* Once: an inline ignore needed acme/only, and a name it did not know was only a note.
 * Now a bare id names the one rule that has it; an unknown or ambiguous name in a
 * plimsoll comment is a finding of its own (hadolint's annotations keep their note). */
static void pragmas_take_bare_ids_and_flag_the_rest(void **state) {
    (void)state;
#define AT3                                                                                        \
    "return { title = 't', severity = 'low', input = 'dockerfile', "                               \
    "check = function(df, report) report { message = 'm', line = 3 } end }"
    static const pl_bundle_file acme[] = {{"only.lua", AT3, sizeof AT3 - 1},
                                          {"twice.lua", AT3, sizeof AT3 - 1}};
    static const pl_bundle_file corp[] = {{"twice.lua", AT3, sizeof AT3 - 1}};
#undef AT3
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = pl_engine_new(NULL);
    pl_engine_add_bundle(e, "acme", "acme", acme, 2, &res);
    pl_engine_add_bundle(e, "corp", "corp", corp, 1, &res);
    assert_int_equal(res.nproblems, 0);
    static const char df_text[] =
        "FROM alpine\n"                                                        /* 1 */
        "# plimsoll ignore=only, twice, ghost, onyl -- vendored, see README\n" /* 2 */
        "RUN x\n"                                                              /* 3 */
        "# hadolint ignore=ghost2\n"                                           /* 4 */
        "RUN y\n";                                                             /* 5 */
    pl_arena a;
    pl_arena_init(&a);
    pl_document *doc = load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", df_text);
    pl_engine_evaluate(e, doc, &res);
    pl_suppression_list l;
    pl_suppressions_collect(&a, doc->dockerfile, &l, &res);
    pl_filter_apply(&res, 0, doc, e, &l, NULL, "2025-01-01", "/");
    pl_suppressions_report_unused(&l, "Dockerfile", e, false, &res);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    size_t suppressed = 0, unresolved = 0;
    for (size_t i = 0; i < res.nfindings; i++) {
        const pl_finding *f = &res.findings[i];
        if (f->suppressed_kind) {
            suppressed++;
            assert_string_equal(f->rule, "acme/only"); /* the bare id, unambiguous */
        } else if (strcmp(f->rule, PL_RULE_IGNORE_UNRESOLVED) == 0) {
            unresolved++;
            assert_int_equal(f->line, 2);
            assert_int_equal(f->severity, PL_SEV_MEDIUM);
        }
    }
    assert_int_equal(suppressed, 1);
    assert_int_equal(unresolved, 3);
    assert_int_equal(findings_of(&res, "acme/twice"), 1); /* ambiguous: suppresses neither */
    assert_int_equal(findings_of(&res, "corp/twice"), 1);
    bool twice = false, ghost = false, onyl = false;
    for (size_t i = 0; i < res.nfindings; i++) {
        const char *m = res.findings[i].message;
        twice |= strstr(m, "'twice', the bare id of 2 rules (acme/twice, corp/twice); write the "
                           "full id of the one meant") != NULL;
        ghost |=
            strstr(m, "'ghost', which is no loaded rule's id or alias (plimsoll rules") != NULL;
        onyl |= strstr(m, "'onyl', which is no loaded rule's id or alias; did you mean 'only'?") !=
                NULL;
    }
    assert_true(twice && ghost && onyl);
    size_t listed = 0;
    for (size_t i = 0; i < res.nrules; i++)
        listed += strcmp(res.rules[i].id, PL_RULE_IGNORE_UNRESOLVED) == 0;
    assert_int_equal(listed, 1);     /* the report knows the rule of those findings, once */
    assert_int_equal(res.nnotes, 1); /* hadolint's unknown name stays a note */
    assert_non_null(strstr(res.notes[0].message, "'ghost2' does nothing"));
    pl_engine_free(e);
    pl_results_free(&res);
    pl_arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_key_read_with_positions),
        cmocka_unit_test(mistakes_at_their_place),
        cmocka_unit_test(misspelt_keys_name_the_nearest),
        cmocka_unit_test(blank_reasons_are_refused),
        cmocka_unit_test(apply_checks_rules_and_params),
        cmocka_unit_test(globs),
        cmocka_unit_test(dates),
        cmocka_unit_test(suppression_comments),
        cmocka_unit_test(pragma_reasons_must_say_something),
        cmocka_unit_test(pragmas_take_bare_ids_and_flag_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
