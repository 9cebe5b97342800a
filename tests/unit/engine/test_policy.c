/* test_policy.c — loading bundles (src/engine/policy.c): metadata validation with file
 * names and lines, duplicate ids, require() from the bundle's lib/, rule selection, and
 * the built-in bundle and the example bundle on disk. */
#include "engine_test.h"

#define OK_RULE                                                                                    \
    "return { title = 'ok', severity = 'low', input = 'dockerfile', check = function() end }"

static const char *const DF = "FROM alpine:3.19\nRUN echo hi\n";

static void reports_each_bad_rule_and_loads_the_others(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/good.lua",
        OK_RULE,
        "dockerfile/syntax.lua",
        "return {\n  title = 'x',\n  severity = = 'low' }",
        "dockerfile/raises.lua",
        "local t = {}\nerror('boom at load')\nreturn t",
        "dockerfile/not-table.lua",
        "return 42",
        "dockerfile/bad-severity.lua",
        "return { title = 't', severity = 'urgent', input = 'dockerfile', check = function() end }",
        "dockerfile/bad-input.lua",
        "return { title = 't', severity = 'low', input = 'compose2', check = function() end }",
        "dockerfile/no-check.lua",
        "return { title = 't', severity = 'low', input = 'image' }",
        "dockerfile/check-string.lua",
        "return { title = 't', severity = 'low', input = 'image', check = 'yes' }",
        "dockerfile/no-title.lua",
        "return { severity = 'low', input = 'image', check = function() end }",
        "dockerfile/bad-alias.lua",
        "return { title = 't', severity = 'low', input = 'image', aliases = { 'A', 3 }, check = "
        "function() end }",
        "dockerfile/loops.lua",
        "while true do end",
        "lib/helper.lua",
        "return {}",
        "tests/good/x.lua",
        "this is not lua",
        "dockerfile/good_test.lua",
        "neither is this",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_limits lim;
    pl_limits_default(&lim);
    lim.instructions = 100000;
    pl_engine *e = engine_from(&lim, &res, files);
    dump_results(&res);
    assert_int_equal(pl_engine_rule_count(e), 1);
    assert_string_equal(pl_engine_rule(e, 0)->id, "good");
    assert_string_equal(pl_engine_rule(e, 0)->file, "policies/dockerfile/good.lua");
    assert_string_equal(pl_engine_rule(e, 0)->bundle, "builtin");
    assert_int_equal(res.nproblems, 10);

    const pl_problem *p = problem_about(&res, "'='");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/syntax.lua");
    assert_int_equal(p->line, 3);
    p = problem_about(&res, "boom at load");
    assert_string_equal(p->path, "policies/dockerfile/raises.lua");
    assert_int_equal(p->line, 2);
    assert_non_null(problem_about(&res, "must return a table, not a number"));
    p = problem_about(&res, "unknown severity 'urgent'");
    assert_string_equal(p->path, "policies/dockerfile/bad-severity.lua");
    assert_string_equal(p->rule, "bad-severity");
    assert_non_null(problem_about(&res, "unknown input 'compose2'"));
    assert_non_null(problem_about(&res, "missing check function"));
    assert_non_null(problem_about(&res, "check must be a function"));
    assert_non_null(problem_about(&res, "missing title"));
    assert_non_null(problem_about(&res, "alias 2 is not a string"));
    p = problem_about(&res, "instruction limit of 100000 exceeded");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/loops.lua");

    /* the good rule still runs */
    pl_arena a;
    pl_arena_init(&a);
    pl_results r2;
    pl_results_init(&r2);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &r2);
    assert_int_equal(r2.nverdicts, 1);
    assert_int_equal(r2.verdicts[0].status, PL_VERDICT_PASS);
    pl_results_free(&r2);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

/* Once ignored: sevrity = left the severity unset, parms = left the rule without its
 * parameters, and nothing said so. Each unknown field is a load error at its own line. */
static void misspelt_metadata_fields_at_their_line(void **state) {
    (void)state;
    static const char *const files[] = {"dockerfile/typo.lua",
                                        "-- a rule with two slips\n"
                                        "return {\n"
                                        "  title = 't', severity = 'low', input = 'dockerfile',\n"
                                        "  sevrity = 'high',\n"
                                        "  [\"parms\"] = {},\n"
                                        "  colour = 'red',\n"
                                        "  check = function() end }\n",
                                        "dockerfile/positional.lua",
                                        "return { 'low', title = 't', severity = 'low', input = "
                                        "'dockerfile', check = function() end }",
                                        "dockerfile/computed.lua",
                                        "local t = { title = 't', severity = 'low', input = "
                                        "'dockerfile', check = function() end }\n"
                                        "t['hel' .. 'pp'] = 'x'\n"
                                        "return t\n",
                                        "dockerfile/good.lua",
                                        OK_RULE,
                                        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    dump_results(&res);
    /* the bundle's other rules still load; the run has errors, so it cannot pass */
    assert_int_equal(pl_engine_rule_count(e), 1);
    assert_string_equal(pl_engine_rule(e, 0)->id, "good");
    assert_int_equal(res.nproblems, 5);
    const pl_problem *p = problem_about(&res, "unknown field 'sevrity'; did you mean 'severity'?");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/typo.lua");
    assert_string_equal(p->rule, "typo");
    assert_int_equal(p->line, 4);
    assert_int_equal(p->column, 3);
    p = problem_about(&res, "unknown field 'parms'; did you mean 'params'?");
    assert_non_null(p);
    assert_int_equal(p->line, 5);
    assert_int_equal(p->column, 3);
    p = problem_about(&res, "unknown field 'colour'; use title, severity, input");
    assert_non_null(p);
    assert_int_equal(p->line, 6);
    assert_non_null(problem_about(&res, "it has a value without a name"));
    p = problem_about(&res, "unknown field 'helpp'; did you mean 'help'?");
    assert_non_null(p);
    assert_int_equal(p->line, 3); /* not written as a field: at the return */
    pl_engine_free(e);
    pl_results_free(&res);
}

static void duplicate_ids_across_bundles(void **state) {
    (void)state;
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = pl_engine_new(NULL);
    pl_bundle_file one[] = {{"dockerfile/same.lua", OK_RULE, strlen(OK_RULE)}};
    pl_bundle_file two[] = {{"other/same.lua", OK_RULE, strlen(OK_RULE)},
                            {"dockerfile/same.lua", OK_RULE, strlen(OK_RULE)}};
    assert_int_equal(pl_engine_add_bundle(e, NULL, "policies", one, 1, &res), 0);
    /* within a bundle too: other/same.lua and dockerfile/same.lua have the same id */
    assert_int_equal(pl_engine_add_bundle(e, NULL, "more", two, 2, &res), 2);
    assert_int_equal(pl_engine_rule_count(e), 1);
    const pl_problem *p = problem_about(&res, "duplicate rule id 'same'");
    assert_non_null(p);
    assert_non_null(strstr(p->message, "policies/dockerfile/same.lua"));
    /* a named bundle prefixes its ids, so the same file name is fine there */
    assert_int_equal(pl_engine_add_bundle(e, "acme", "acme", one, 1, &res), 0);
    assert_int_equal(pl_engine_rule_count(e), 2);
    assert_string_equal(pl_engine_rule(e, 1)->id, "acme/same");
    assert_string_equal(pl_engine_rule(e, 1)->bundle, "acme");
    pl_engine_free(e);
    pl_results_free(&res);
}

static void require_loads_from_lib_once_and_read_only(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/acme/util.lua",
        "counter = (counter or 0) + 1\n"
        "return { loads = counter, shout = function(s) return s:upper() end }",
        "dockerfile/uses.lua",
        "local u = require('acme.util')\n"
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, "
        "report)\n"
        "  local again = require('acme.util')\n"
        "  assert(again == u, 'cached')\n"
        "  assert(u.loads == 1, 'loaded once')\n"
        "  assert(not pcall(function() u.shout = nil end), 'read-only')\n"
        "  assert(not pcall(rawset, u, 'x', 1), 'rawset refused')\n"
        "  report { message = u.shout('hi') }\n"
        "end }",
        "dockerfile/missing.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function()\n"
        "  require('acme.nothing')\nend }",
        "dockerfile/escape.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function()\n"
        "  require('../../etc/passwd')\nend }",
        "dockerfile/cmodule.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function()\n"
        "  require('io')\nend }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    assert_int_equal(res.nproblems, 0);
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    dump_results(&res);
    assert_int_equal(verdict_of(&res, "uses")->status, PL_VERDICT_FAIL);
    assert_string_equal(finding_of(&res, "uses", 0)->message, "HI");
    assert_int_equal(finding_of(&res, "uses", 0)->line, 0);
    assert_int_equal(verdict_of(&res, "missing")->status, PL_VERDICT_ERROR);
    assert_non_null(
        strstr(verdict_of(&res, "missing")->message, "no lib/acme/nothing.lua in the bundle"));
    assert_int_equal(verdict_of(&res, "escape")->status, PL_VERDICT_ERROR);
    assert_non_null(strstr(verdict_of(&res, "escape")->message, "bad module name"));
    assert_int_equal(verdict_of(&res, "cmodule")->status, PL_VERDICT_ERROR);
    assert_non_null(strstr(verdict_of(&res, "cmodule")->message, "module 'io' not found"));
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void selects_by_id_or_alias(void **state) {
    (void)state;
    static const char *const files[] = {"dockerfile/a.lua",
                                        "return { title = 't', severity = 'low', input = "
                                        "'dockerfile', aliases = {'DL9'}, check = function() end }",
                                        "dockerfile/b.lua", OK_RULE, NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_error err;
    const char *ids[] = {"DL9"};
    assert_int_equal(pl_engine_select(e, ids, 1, &err), 0);
    const char *bad[] = {"nope"};
    assert_int_equal(pl_engine_select(e, bad, 1, &err), -1);
    assert_non_null(strstr(err.message, "unknown rule 'nope'"));
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), &res);
    assert_int_equal(res.nverdicts, 1);
    assert_string_equal(res.verdicts[0].rule, "a");
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void builtin_bundle_loads_and_runs_on_the_examples(void **state) {
    (void)state;
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = pl_engine_new(NULL);
    pl_engine_add_bundle(e, NULL, "policies", pl_builtin_bundle, pl_builtin_bundle_len, &res);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    assert_true(pl_engine_rule_count(e) >= 10);
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    pl_error err;
    assert_int_equal(
        pl_file_read(&a, PL_SOURCE_DIR "/examples/insecure.Dockerfile", 0, &text, &len, &err), 0);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "insecure.Dockerfile", text), &res);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    assert_true(res.nfindings > 3);
    for (size_t i = 0; i < res.nverdicts; i++)
        assert_int_not_equal(res.verdicts[i].status, PL_VERDICT_ERROR);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void bundle_from_a_directory(void **state) {
    (void)state;
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = pl_engine_new(NULL);
    assert_int_equal(
        pl_engine_add_bundle_dir(e, "acme", PL_SOURCE_DIR "/examples/org-policies/", &res), 0);
    assert_true(pl_engine_rule_count(e) >= 1);
    /* rules load in file order; dockerfile/approved-registry.lua is among them */
    const pl_rule_meta *m = NULL;
    for (size_t i = 0; i < pl_engine_rule_count(e); i++)
        if (strcmp(pl_engine_rule(e, i)->id, "acme/approved-registry") == 0)
            m = pl_engine_rule(e, i);
    assert_non_null(m);
    assert_string_equal(m->file,
                        PL_SOURCE_DIR "/examples/org-policies/dockerfile/approved-registry.lua");
    pl_engine_free(e);
    pl_results_free(&res);
}

static void rule_ids_follow_the_grammar(void **state) {
    /* a file "Bad Name!.lua" became a rule of that id */
    (void)state;
    static const char *const files[] = {"dockerfile/good-1.lua",
                                        OK_RULE,
                                        "dockerfile/Bad Name!.lua",
                                        OK_RULE,
                                        "dockerfile/Upper.lua",
                                        OK_RULE,
                                        "dockerfile/double--hyphen.lua",
                                        OK_RULE,
                                        "dockerfile/-lead.lua",
                                        OK_RULE,
                                        "dockerfile/under_score.lua",
                                        OK_RULE,
                                        "dockerfile/all.lua",
                                        OK_RULE,
                                        "lib/Any Name.lua",
                                        "return {}",
                                        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    assert_int_equal(pl_engine_rule_count(e), 1);
    assert_string_equal(pl_engine_rule(e, 0)->id, "good-1");
    assert_int_equal(res.nproblems, 6);
    const pl_problem *p = problem_about(&res, "'Bad Name!' is not a valid rule id");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/Bad Name!.lua");
    assert_non_null(strstr(p->message, "e.g. bad-name.lua"));
    assert_non_null(problem_about(&res, "e.g. under-score.lua"));
    assert_non_null(problem_about(&res, "the rule id 'all' is reserved"));
    pl_results_free(&res);
    pl_engine_free(e);

    assert_true(pl_name_ok("a-b-9", 5));
    assert_false(pl_name_ok("a-b-", 4));
    assert_false(pl_name_ok("", 0));
    char long_id[66];
    memset(long_id, 'a', 65);
    long_id[65] = 0;
    assert_true(pl_name_ok(long_id, 64));
    assert_false(pl_name_ok(long_id, 65));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reports_each_bad_rule_and_loads_the_others),
        cmocka_unit_test(misspelt_metadata_fields_at_their_line),
        cmocka_unit_test(duplicate_ids_across_bundles),
        cmocka_unit_test(require_loads_from_lib_once_and_read_only),
        cmocka_unit_test(selects_by_id_or_alias),
        cmocka_unit_test(builtin_bundle_loads_and_runs_on_the_examples),
        cmocka_unit_test(bundle_from_a_directory),
        cmocka_unit_test(rule_ids_follow_the_grammar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
