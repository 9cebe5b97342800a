/* test_params.c — rule parameters, presets and per-rule overrides (src/engine/policy.c):
 * validation at load, values a check receives, and what configuration may change. */
#include <jansson.h>

#include "engine_test.h"

static const char *const DF = "FROM alpine:3.19\nRUN apk add curl\nUSER root\n";

/* A rule reporting each of its parameters as "name=value" (lists joined by commas). */
static const char PARAM_RULE[] =
    "return { title = 't', severity = 'medium', input = 'dockerfile',\n"
    "  params = {\n"
    "    registry = { type = 'string', default = 'registry.example.com', description = 'r' },\n"
    "    max = { type = 'integer', default = 3, description = 'm' },\n"
    "    ratio = { type = 'number', default = 0.5, description = 'q' },\n"
    "    strict = { type = 'boolean', default = false, description = 's' },\n"
    "    users = { type = 'list', default = { 'root', '0' }, description = 'u' },\n"
    "  },\n"
    "  check = function(df, report, params)\n"
    "    report { message = 'registry=' .. params.registry }\n"
    "    report { message = 'max=' .. math.type(params.max) .. ':' .. params.max }\n"
    "    report { message = 'ratio=' .. tostring(params.ratio) }\n"
    "    report { message = 'strict=' .. tostring(params.strict) }\n"
    "    report { message = 'users=' .. table.concat({ table.unpack(params.users) }, ',') .. '#' "
    ".. #params.users }\n"
    "    local ok = pcall(function() params.max = 9 end)\n"
    "    report { message = 'writable=' .. tostring(ok) }\n"
    "  end }";

static bool has_message(const pl_results *r, const char *msg) {
    for (size_t i = 0; i < r->nfindings; i++)
        if (strcmp(r->findings[i].message, msg) == 0)
            return true;
    return false;
}

static void run(pl_engine *e, pl_results *res) {
    pl_arena a;
    pl_arena_init(&a);
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", DF), res);
    pl_arena_free(&a);
}

static void defaults_reach_check_read_only(void **state) {
    (void)state;
    static const char *const files[] = {"dockerfile/p.lua", PARAM_RULE, NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    const pl_rule_meta *m = pl_engine_rule(e, 0);
    assert_int_equal(m->nparams, 5);
    /* sorted by name, defaults as JSON */
    assert_string_equal(m->params[0].name, "max");
    assert_string_equal(m->params[0].type, "integer");
    assert_string_equal(m->params[0].default_json, "3");
    assert_string_equal(m->params[4].name, "users");
    assert_string_equal(m->params[4].default_json, "[\"root\",\"0\"]");
    assert_string_equal(m->preset, "default");
    run(e, &res);
    dump_results(&res);
    assert_true(has_message(&res, "registry=registry.example.com"));
    assert_true(has_message(&res, "max=integer:3"));
    assert_true(has_message(&res, "ratio=0.5"));
    assert_true(has_message(&res, "strict=false"));
    assert_true(has_message(&res, "users=root,0#2"));
    assert_true(has_message(&res, "writable=false"));
    pl_engine_free(e);
    pl_results_free(&res);
}

static void overrides_change_values_and_check_types(void **state) {
    (void)state;
    static const char *const files[] = {"dockerfile/p.lua", PARAM_RULE, NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_error err;
    memset(&err, 0, sizeof err);
    /* run once so the params table is cached; a later override must replace it */
    run(e, &res);
    pl_results_free(&res);
    pl_results_init(&res);

    json_t *v = json_string("internal.acme.io");
    assert_int_equal(pl_engine_set_param(e, "p", "registry", v, &err), 0);
    json_decref(v);
    v = json_integer(7);
    assert_int_equal(pl_engine_set_param(e, "p", "ratio", v, &err), 0); /* integer is a number */
    assert_int_equal(pl_engine_set_param(e, "p", "max", v, &err), 0);
    json_decref(v);
    v = json_pack("[ss]", "a", "b");
    assert_int_equal(pl_engine_set_param(e, "p", "users", v, &err), 0);
    json_decref(v);

    v = json_string("7");
    assert_int_equal(pl_engine_set_param(e, "p", "max", v, &err), -1);
    assert_non_null(
        strstr(err.message, "parameter max of rule p is of type integer, not a string"));
    json_decref(v);
    v = json_real(1.5);
    assert_int_equal(pl_engine_set_param(e, "p", "max", v, &err), -1);
    json_decref(v);
    v = json_pack("[si]", "a", 1);
    assert_int_equal(pl_engine_set_param(e, "p", "users", v, &err), -1);
    assert_non_null(strstr(err.message, "list (of strings)"));
    json_decref(v);
    v = json_true();
    assert_int_equal(pl_engine_set_param(e, "p", "nope", v, &err), -1);
    assert_non_null(
        strstr(err.message,
               "rule p has no parameter 'nope' (it has: max, ratio, registry, strict, users)"));
    assert_int_equal(pl_engine_set_param(e, "ghost", "max", v, &err), -1);
    assert_non_null(strstr(err.message, "unknown rule 'ghost'"));
    assert_int_equal(pl_engine_set_param(e, "p", "strict", v, &err), 0);
    json_decref(v);

    assert_string_equal(pl_engine_rule(e, 0)->params[3].value_json, "true");
    assert_string_equal(pl_engine_rule(e, 0)->params[3].default_json, "false");
    run(e, &res);
    dump_results(&res);
    assert_true(has_message(&res, "registry=internal.acme.io"));
    assert_true(has_message(&res, "max=integer:7"));
    assert_true(has_message(&res, "ratio=7"));
    assert_true(has_message(&res, "strict=true"));
    assert_true(has_message(&res, "users=a,b#2"));
    pl_engine_free(e);
    pl_results_free(&res);
}

#define META(fields)                                                                               \
    "return { title = 't', severity = 'low', input = 'dockerfile', " fields                        \
    ", check = function() end }"

static void bad_declarations_are_load_problems(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/badtype.lua",
        META("params = { x = { type = 'map', default = 1, description = 'd' } }"),
        "dockerfile/baddefault.lua",
        META("params = { x = { type = 'integer', default = 'three', description = 'd' } }"),
        "dockerfile/nodesc.lua",
        META("params = { x = { type = 'string', default = 'a' } }"),
        "dockerfile/nodefault.lua",
        META("params = { x = { type = 'boolean', description = 'd' } }"),
        "dockerfile/badlist.lua",
        META("params = { x = { type = 'list', default = { 'a', 2 }, description = 'd' } }"),
        "dockerfile/extra.lua",
        META("params = { x = { type = 'string', default = 'a', description = 'd', min = 1 } }"),
        "dockerfile/notable.lua",
        META("params = 3"),
        "dockerfile/badpreset.lua",
        META("preset = 'paranoid'"),
        "dockerfile/good.lua",
        META("preset = 'strict', params = { x = { type = 'list', default = {}, description = 'd' } "
             "}"),
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    dump_results(&res);
    assert_int_equal(pl_engine_rule_count(e), 1);
    assert_string_equal(pl_engine_rule(e, 0)->preset, "strict");
    assert_string_equal(pl_engine_rule(e, 0)->params[0].default_json, "[]");
    assert_int_equal(res.nproblems, 8);
    const pl_problem *p = problem_about(&res, "params.x: type must be");
    assert_non_null(p);
    assert_string_equal(p->path, "policies/dockerfile/badtype.lua");
    assert_non_null(
        problem_about(&res, "params.x: the default (a string value) is not of type integer"));
    assert_non_null(problem_about(&res, "params.x: missing description"));
    assert_non_null(problem_about(&res, "params.x: missing default (of type boolean)"));
    assert_non_null(
        problem_about(&res, "params.x: the default (a table value) is not of type list"));
    assert_non_null(
        problem_about(&res, "unknown field 'params.x.min'; use type, default or description"));
    assert_non_null(problem_about(&res, "params must be a table"));
    assert_non_null(problem_about(&res, "preset must be \"default\" or \"strict\""));
    pl_engine_free(e);
    pl_results_free(&res);
}

static void presets_enable_and_severity_overrides(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/always.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, "
        "report)\n"
        "  report { message = 'a' }; report { message = 'b', severity = 'critical' } end }",
        "dockerfile/picky.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', preset = 'strict',\n"
        "  check = function(df, report) report { message = 'picky' } end }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(pl_engine_set_preset(e, "default", &err), 0);
    run(e, &res);
    /* left out by the preset: no verdict per document, the reason is on the rule */
    assert_null(verdict_of(&res, "picky"));
    assert_int_equal(findings_of(&res, "picky"), 0);
    assert_true(pl_engine_rule(e, 1)->disabled);
    assert_non_null(strstr(pl_engine_rule(e, 1)->disabled_reason, "strict preset"));
    pl_results_free(&res);

    pl_results_init(&res);
    assert_int_equal(pl_engine_set_preset(e, "strict", &err), 0);
    assert_int_equal(pl_engine_set_preset(e, "lax", &err), -1);
    assert_int_equal(pl_engine_set_enabled(e, "always", false, NULL, &err), 0);
    run(e, &res);
    assert_int_equal(verdict_of(&res, "picky")->status, PL_VERDICT_FAIL);
    assert_null(verdict_of(&res, "always"));
    assert_string_equal(pl_engine_rule(e, 0)->disabled_reason, "disabled by configuration");
    pl_results_free(&res);

    pl_results_init(&res);
    assert_int_equal(pl_engine_set_enabled(e, "always", true, NULL, &err), 0);
    assert_int_equal(pl_engine_set_severity(e, "always", PL_SEV_HIGH, &err), 0);
    assert_int_equal(pl_engine_rule(e, 0)->severity, PL_SEV_HIGH);
    assert_int_equal(pl_engine_set_severity(e, "nope", PL_SEV_HIGH, &err), -1);
    run(e, &res);
    assert_int_equal(finding_of(&res, "always", 0)->severity, PL_SEV_HIGH);
    assert_int_equal(finding_of(&res, "always", 1)->severity,
                     PL_SEV_HIGH); /* over report{severity=} */
    pl_engine_free(e);
    pl_results_free(&res);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_reach_check_read_only),
        cmocka_unit_test(overrides_change_values_and_check_types),
        cmocka_unit_test(bad_declarations_are_load_problems),
        cmocka_unit_test(presets_enable_and_severity_overrides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
