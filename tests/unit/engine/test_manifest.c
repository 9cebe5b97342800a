/* test_manifest.c — bundle.yaml: fields, every problem with its line and column, version
 * constraints, and loading a bundle directory by its manifest (namespaced ids). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plimsoll/bundle.h"

static int parse(const char *text, pl_manifest *m, pl_results *res) {
    pl_results_init(res);
    return pl_manifest_parse("b/bundle.yaml", text, strlen(text), m, res);
}

static const pl_problem *problem_at(const pl_results *r, int line, const char *needle) {
    for (size_t i = 0; i < r->nproblems; i++)
        if (r->problems[i].line == line && strstr(r->problems[i].message, needle))
            return &r->problems[i];
    return NULL;
}

static void reads_every_field(void **state) {
    (void)state;
    pl_manifest m;
    pl_results res;
    assert_int_equal(parse("name: acme-policies\nversion: 1.2.3\ndescription: ACME rules\n"
                           "plimsoll: \">=0.1, <1.0\"\nlicense: Apache-2.0\n",
                           &m, &res),
                     0);
    assert_string_equal(m.name, "acme-policies");
    assert_string_equal(m.version, "1.2.3");
    assert_string_equal(m.description, "ACME rules");
    assert_string_equal(m.plimsoll, ">=0.1, <1.0");
    assert_string_equal(m.license, "Apache-2.0");
    pl_manifest_free(&m);
    pl_results_free(&res);
}

static void api_version_is_checked(void **state) {
    /* a bundle written for a newer rule API than this plimsoll provides must not load */
    (void)state;
    pl_manifest m;
    pl_results res;
    assert_int_equal(parse("name: a\nversion: 1.0.0\napi: 1\n", &m, &res), 0);
    assert_string_equal(m.api, "1");
    pl_manifest_free(&m);
    pl_results_free(&res);
    assert_int_equal(parse("name: a\nversion: 1.0.0\napi: 99\n", &m, &res), 1);
    const pl_problem *p = problem_at(&res, 3, "targets rule API 99");
    assert_non_null(p);
    assert_non_null(strstr(p->message, "upgrade plimsoll"));
    assert_int_equal(p->column, 6);
    pl_manifest_free(&m);
    pl_results_free(&res);
    assert_int_equal(parse("name: a\nversion: 1.0.0\napi: one\n", &m, &res), 1);
    assert_non_null(problem_at(&res, 3, "bad api 'one'"));
    pl_manifest_free(&m);
    pl_results_free(&res);
    assert_int_equal(parse("name: a\nversion: 1.0.0\napi: 0\n", &m, &res), 1);
    assert_non_null(problem_at(&res, 3, "bad api '0'"));
    pl_manifest_free(&m);
    pl_results_free(&res);
}

static void reports_every_problem_with_its_place(void **state) {
    /* one run must name all of them, not stop at the first */
    (void)state;
    pl_manifest m;
    pl_results res;
    int n = parse("name: Acme_Policies\nversion: 1.0\nowner: me\nlicence: MIT\n"
                  "plimsoll: \">=9.0\"\n",
                  &m, &res);
    assert_int_equal(n, 5);
    assert_non_null(problem_at(&res, 1, "bad name 'Acme_Policies'"));
    assert_non_null(problem_at(&res, 2, "bad version '1.0'"));
    /* an unknown key names what was meant, or the valid keys when nothing is near */
    const pl_problem *p = problem_at(&res, 3,
                                     "unknown key 'owner'; use name, version, "
                                     "description, plimsoll, license or api");
    assert_non_null(p);
    assert_int_equal(p->column, 1);
    assert_non_null(problem_at(&res, 4, "unknown key 'licence'; did you mean 'license'?"));
    p = problem_at(&res, 5, "needs plimsoll >=9.0");
    assert_non_null(p);
    assert_int_equal(p->column, 11);
    assert_string_equal(res.problems[0].path, "b/bundle.yaml");
    pl_manifest_free(&m);
    pl_results_free(&res);
}

static void missing_and_wrongly_typed_fields(void **state) {
    (void)state;
    pl_manifest m;
    pl_results res;
    assert_int_equal(parse("description: [a, b]\n", &m, &res), 3);
    assert_non_null(problem_at(&res, 1, "'description' must be a non-empty string"));
    assert_non_null(problem_at(&res, 1, "missing 'name'"));
    assert_non_null(problem_at(&res, 1, "missing 'version'"));
    pl_manifest_free(&m);
    pl_results_free(&res);

    assert_int_equal(parse("name: a\nversion: 1.0.0\nname: b\n", &m, &res), 1);
    assert_non_null(problem_at(&res, 3, "duplicate key 'name' (first at line 1)"));
    pl_manifest_free(&m);
    pl_results_free(&res);

    assert_int_equal(parse("- a\n- b\n", &m, &res), 1);
    assert_non_null(problem_at(&res, 1, "must be a mapping"));
    pl_manifest_free(&m);
    pl_results_free(&res);

    assert_int_equal(parse("name: [unclosed\n", &m, &res), 1);
    assert_non_null(strstr(res.problems[0].message, "not valid YAML"));
    assert_true(res.problems[0].line >= 1);
    pl_manifest_free(&m);
    pl_results_free(&res);

    assert_int_equal(parse("", &m, &res), 1);
    assert_non_null(strstr(res.problems[0].message, "empty manifest"));
    pl_manifest_free(&m);
    pl_results_free(&res);
}

static void names_and_versions(void **state) {
    (void)state;
    assert_true(pl_manifest_name_ok("acme"));
    assert_true(pl_manifest_name_ok("acme-2-policies"));
    assert_false(pl_manifest_name_ok("Acme"));
    assert_false(pl_manifest_name_ok("-acme"));
    assert_false(pl_manifest_name_ok("acme--x"));
    assert_false(pl_manifest_name_ok("acme/x"));
    assert_false(pl_manifest_name_ok(""));
    assert_true(pl_semver_ok("0.1.0"));
    assert_true(pl_semver_ok("1.0.0-rc.1+build.5"));
    assert_false(pl_semver_ok("1.0"));
    assert_false(pl_semver_ok("01.0.0"));
    assert_false(pl_semver_ok("1.0.0-"));
    assert_true(pl_semver_cmp("1.0.0-rc.1", "1.0.0") < 0);
    assert_true(pl_semver_cmp("0.10.0", "0.9.9") > 0);
}

static void version_constraints(void **state) {
    (void)state;
    pl_error err;
    assert_int_equal(pl_version_satisfies(">=0.1, <1.0", "0.1.0", &err), 1);
    assert_int_equal(pl_version_satisfies(">=0.1, <1.0", "1.0.0", &err), 0);
    assert_int_equal(pl_version_satisfies(">0.1", "0.1.0", &err), 0);
    assert_int_equal(pl_version_satisfies("0.1.0", "0.1.0", &err), 1);
    assert_int_equal(pl_version_satisfies("=0.1.1", "0.1.0", &err), 0);
    assert_int_equal(pl_version_satisfies("^0.1", "0.1.9", &err), 1);
    assert_int_equal(pl_version_satisfies("^0.1", "0.2.0", &err), 0);
    assert_int_equal(pl_version_satisfies("^1.2", "1.9.0", &err), 1);
    assert_int_equal(pl_version_satisfies("~1.2.3", "1.2.9", &err), 1);
    assert_int_equal(pl_version_satisfies("~1.2.3", "1.3.0", &err), 0);
    assert_int_equal(pl_version_satisfies("<=0.1.0", "0.1.0", &err), 1);
    assert_int_equal(pl_version_satisfies(">=x", "0.1.0", &err), -1);
    assert_non_null(strstr(err.message, "bad comparator '>=x'"));
    assert_int_equal(pl_version_satisfies(">=0.1,", "0.1.0", &err), -1);
}

static char *mkbundle(const char *manifest) {
    char *dir = strdup("/tmp/pl-manifest-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[512];
    if (manifest) {
        snprintf(path, sizeof path, "%s/bundle.yaml", dir);
        FILE *f = fopen(path, "w");
        fputs(manifest, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/r.lua", dir);
    FILE *f = fopen(path, "w");
    fputs("return { title = 'T', severity = 'low', input = 'dockerfile',\n"
          "  check = function(df, report) end }\n",
          f);
    fclose(f);
    return dir;
}

static void rmbundle(char *dir) {
    char path[512];
    snprintf(path, sizeof path, "%s/bundle.yaml", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/r.lua", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
}

static void loads_namespaced_by_manifest(void **state) {
    (void)state;
    char *dir = mkbundle("name: acme\nversion: 1.0.0\n");
    pl_engine *e = pl_engine_new(NULL);
    pl_results res;
    pl_results_init(&res);
    pl_manifest m;
    assert_int_equal(pl_engine_add_bundle_manifest(e, dir, &m, &res), 0);
    assert_string_equal(m.name, "acme");
    assert_int_equal(pl_engine_rule_count(e), 1);
    assert_string_equal(pl_engine_rule(e, 0)->id, "acme/r");
    pl_manifest_free(&m);
    pl_results_free(&res);
    pl_engine_free(e);
    rmbundle(dir);

    /* the built-in name keeps bare ids, in the one place it may load: alone (plimsoll
     * test of the built-in sources) */
    dir = mkbundle("name: builtin\nversion: 1.0.0\n");
    e = pl_engine_new(NULL);
    pl_results_init(&res);
    assert_int_equal(pl_engine_add_bundle_alone(e, dir, NULL, &res), 0);
    assert_string_equal(pl_engine_rule(e, 0)->id, "r");
    pl_results_free(&res);
    pl_engine_free(e);
    rmbundle(dir);
}

static void reserved_names_are_refused(void **state) {
    /* a directory bundle named builtin loaded un-namespaced and could pose as the
     * built-in bundle, shadowing its ids */
    (void)state;
    static const char *const names[] = {"builtin", "plimsoll"};
    for (size_t k = 0; k < 2; k++) {
        char manifest[128];
        snprintf(manifest, sizeof manifest, "version: 1.0.0\nname: %s\n", names[k]);
        char *dir = mkbundle(manifest);
        pl_engine *e = pl_engine_new(NULL);
        pl_results res;
        pl_results_init(&res);
        assert_int_equal(pl_engine_add_bundle_manifest(e, dir, NULL, &res), 1);
        assert_int_equal(pl_engine_rule_count(e), 0);
        assert_non_null(strstr(res.problems[0].message, "is reserved"));
        assert_int_equal(res.problems[0].line, 2);
        assert_int_equal(res.problems[0].column, 7);
        pl_results_free(&res);
        /* beside another bundle, even the built-in sources are refused */
        pl_results_init(&res);
        assert_int_equal(pl_engine_add_builtin(e, &res), 0);
        assert_int_equal(pl_engine_add_bundle_alone(e, dir, NULL, &res), 1);
        pl_results_free(&res);
        pl_engine_free(e);
        rmbundle(dir);
    }
    assert_true(pl_bundle_name_reserved("builtin"));
    assert_false(pl_bundle_name_reserved("acme"));
}

static void a_bundle_named_twice_loads_once(void **state) {
    /* the configuration's policies: and --policy naming one directory gave every rule a
     * duplicate-id error, and the lockfile pinned it twice */
    (void)state;
    char *dir = mkbundle("name: acme\nversion: 1.0.0\n");
    char other[600], link[600];
    snprintf(other, sizeof other, "%s/./", dir);
    snprintf(link, sizeof link, "%s-link", dir);
    assert_int_equal(symlink(dir, link), 0);
    pl_engine *e = pl_engine_new(NULL);
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_engine_add_bundle_manifest(e, dir, NULL, &res), 0);
    assert_int_equal(pl_engine_add_bundle_manifest(e, other, NULL, &res), 0);
    assert_int_equal(pl_engine_add_bundle_manifest(e, link, NULL, &res), 0);
    assert_int_equal(res.nproblems, 0);
    assert_int_equal(pl_engine_rule_count(e), 1);
    pl_results_free(&res);
    pl_engine_free(e);

    const char *dirs[] = {link, "/nonexistent/a", dir, other, "/nonexistent/a", "."};
    assert_int_equal(pl_bundle_dirs_unique(dirs, 6), 4);
    assert_string_equal(dirs[0], link);
    assert_string_equal(dirs[1], "/nonexistent/a");
    assert_string_equal(dirs[2], "/nonexistent/a"); /* unresolved: kept for the loader */
    assert_string_equal(dirs[3], ".");
    unlink(link);
    rmbundle(dir);
}

static void no_manifest_no_rules(void **state) {
    (void)state;
    char *dir = mkbundle(NULL);
    pl_engine *e = pl_engine_new(NULL);
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_engine_add_bundle_manifest(e, dir, NULL, &res), 1);
    assert_int_equal(pl_engine_rule_count(e), 0);
    assert_non_null(strstr(res.problems[0].message, "not a policy bundle"));
    assert_non_null(strstr(res.problems[0].message, "name: my-policies"));
    assert_non_null(strstr(res.problems[0].path, "bundle.yaml"));
    pl_results_free(&res);
    pl_engine_free(e);
    rmbundle(dir);

    /* a bad manifest loads nothing either */
    dir = mkbundle("name: acme\n");
    e = pl_engine_new(NULL);
    pl_results_init(&res);
    assert_int_equal(pl_engine_add_bundle_manifest(e, dir, NULL, &res), 1);
    assert_int_equal(pl_engine_rule_count(e), 0);
    pl_results_free(&res);
    pl_engine_free(e);
    rmbundle(dir);
}

static void builtin_manifest_is_valid(void **state) {
    (void)state;
    pl_engine *e = pl_engine_new(NULL);
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_engine_add_builtin(e, &res), 0);
    assert_true(pl_engine_rule_count(e) > 0);
    assert_null(strchr(pl_engine_rule(e, 0)->id, '/'));
    pl_results_free(&res);
    pl_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_field),
        cmocka_unit_test(reports_every_problem_with_its_place),
        cmocka_unit_test(missing_and_wrongly_typed_fields),
        cmocka_unit_test(names_and_versions),
        cmocka_unit_test(version_constraints),
        cmocka_unit_test(api_version_is_checked),
        cmocka_unit_test(loads_namespaced_by_manifest),
        cmocka_unit_test(no_manifest_no_rules),
        cmocka_unit_test(reserved_names_are_refused),
        cmocka_unit_test(a_bundle_named_twice_loads_once),
        cmocka_unit_test(builtin_manifest_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
