/* test_evaluate.c — verdicts, findings with locations, and limits as verdicts
 * (src/engine/evaluate.c), on Dockerfiles read by the real parser. */
#include "engine_test.h"

#define RULE(body) \
    "return { title = 't', severity = 'high', input = 'dockerfile', check = function(df, report)\n" body "\nend }"

static const char *const DF = "FROM alpine:3.19 AS build\n"
                              "RUN apk add curl \\\n"
                              "    && sudo apt-get install -qy git\n"
                              "USER root\n"
                              "FROM build\n"
                              "CMD [\"sh\"]\n";

static void verdicts_and_locations(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/passes.lua", RULE(""),
        "dockerfile/fails.lua",
        RULE("for cmd in df:commands('apt-get', 'install') do report { message = 'apt: ' .. cmd.name, at = cmd } end"),
        "dockerfile/raises.lua", RULE("local x = nil; return x.y"),
        "image/img.lua", "return { title = 't', severity = 'low', input = 'image', check = function() error('never') end }",
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verdicts_and_locations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
