/* test_settings.c — resolving settings (src/engine/settings.c): defaults, then the
 * configuration file, then the command line, each value with its origin; bundle
 * directories once each; the engine loaded from the result. */
#include "engine_test.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plimsoll/settings.h"

static char *write_config(const char *text) {
    char *dir = strdup("/tmp/pl-settings-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/.plimsoll.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return dir;
}

static void remove_config(char *dir) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/.plimsoll.yaml", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
}

static void defaults_without_a_file(void **state) {
    (void)state;
    pl_cli_settings cli = {.no_config = true};
    pl_settings s;
    pl_error err = {0};
    assert_int_equal(pl_settings_resolve(&cli, "/", &s, &err), 0);
    assert_false(s.have_config);
    assert_true(s.builtin);
    assert_string_equal(s.preset, "default");
    assert_int_equal(s.fail_on, PL_SEV_LOW);
    assert_int_equal(s.timeout_ms, PL_DEFAULT_TIMEOUT_MS);
    assert_int_equal(s.timeout_src.origin, PL_ORIGIN_DEFAULT);
    pl_limits d;
    pl_limits_default(&d);
    assert_int_equal(s.limits.memory_bytes, d.memory_bytes);
    assert_string_equal(s.lockfile, "plimsoll.lock");
    pl_settings_free(&s);
}

static void file_then_command_line(void **state) {
    /* limits.timeout-ms was read and shown but never applied */
    (void)state;
    char *dir = write_config("preset: strict\n"
                             "fail-on: high\n"
                             "limits:\n"
                             "  timeout-ms: 300\n"
                             "  memory-mib: 32\n"
                             "policies: [a, b, ./a/]\n");
    char a[PATH_MAX], b[PATH_MAX];
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    mkdir(a, 0700);
    mkdir(b, 0700);
    /* the file is found from a directory below it */
    pl_cli_settings cli = {.fail_on = PL_SEV_CRITICAL, .has_fail_on = true};
    const char *more[] = {b};
    cli.policies = more;
    cli.npolicies = 1;
    pl_settings s;
    pl_error err = {0};
    assert_int_equal(pl_settings_resolve(&cli, a, &s, &err), 0);
    assert_true(s.have_config);
    assert_int_equal(s.timeout_ms, 300);
    assert_int_equal(s.timeout_src.origin, PL_ORIGIN_FILE);
    assert_int_equal(s.timeout_src.pos.line, 4);
    assert_int_equal(s.limits.memory_bytes, 32u << 20);
    assert_string_equal(s.preset, "strict");
    assert_int_equal(s.preset_src.pos.line, 1);
    assert_int_equal(s.fail_on, PL_SEV_CRITICAL);
    assert_int_equal(s.fail_on_src.origin, PL_ORIGIN_CLI);
    /* a, b from the file; ./a/ and --policy b are the same directories */
    assert_int_equal(s.npolicies, 2);
    assert_string_equal(s.policies[0], a);
    assert_string_equal(s.policies[1], b);
    char lock[PATH_MAX];
    snprintf(lock, sizeof lock, "%s/plimsoll.lock", dir);
    assert_string_equal(s.lockfile, lock);
    pl_settings_free(&s);

    cli = (pl_cli_settings){.timeout_ms = 400};
    assert_int_equal(pl_settings_resolve(&cli, dir, &s, &err), 0);
    assert_int_equal(s.timeout_ms, 400);
    assert_int_equal(s.timeout_src.origin, PL_ORIGIN_CLI);
    pl_pool_opts po = pl_settings_pool_opts(&s, 1);
    assert_int_equal(po.timeout_ms, 400);
    pl_settings_free(&s);
    rmdir(a);
    rmdir(b);
    remove_config(dir);
}

static void a_broken_file_is_an_error_with_its_place(void **state) {
    (void)state;
    char *dir = write_config("limits:\n  timeout-ms: soon\n");
    pl_cli_settings cli = {0};
    pl_settings s;
    pl_error err = {0};
    assert_int_equal(pl_settings_resolve(&cli, dir, &s, &err), -1);
    assert_non_null(strstr(err.path, ".plimsoll.yaml"));
    assert_int_equal(err.line, 2);
    pl_settings_free(&s);
    remove_config(dir);
}

static void the_engine_as_check_loads_it(void **state) {
    /* plimsoll rules ignored .plimsoll.yaml: the engine comes from the settings */
    (void)state;
    char *dir = write_config("preset: strict\n"
                             "rules:\n"
                             "  final-user-root: {enabled: false, severity: critical}\n");
    pl_cli_settings cli = {0};
    pl_settings s;
    pl_error err = {0};
    assert_int_equal(pl_settings_resolve(&cli, dir, &s, &err), 0);
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = pl_settings_load_engine(&s, &res, &err);
    assert_non_null(e);
    assert_int_equal(res.nproblems, 0);
    const pl_rule_meta *m = pl_engine_find_rule(e, "final-user-root");
    assert_non_null(m);
    assert_true(m->disabled);
    assert_int_equal(m->severity, PL_SEV_CRITICAL);
    bool strict_on = false;
    for (size_t i = 0; i < pl_engine_rule_count(e); i++) {
        const pl_rule_meta *r = pl_engine_rule(e, i);
        strict_on = strict_on || (r->preset && strcmp(r->preset, "strict") == 0 && !r->disabled);
    }
    assert_true(strict_on);
    pl_engine_free(e);
    pl_results_free(&res);
    pl_settings_free(&s);
    remove_config(dir);

    dir = write_config("rules:\n  no-such-rule: {enabled: false}\n");
    assert_int_equal(pl_settings_resolve(&cli, dir, &s, &err), 0);
    pl_results_init(&res);
    assert_null(pl_settings_load_engine(&s, &res, &err));
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "unknown rule 'no-such-rule'"));
    pl_results_free(&res);
    pl_settings_free(&s);
    remove_config(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_without_a_file),
        cmocka_unit_test(file_then_command_line),
        cmocka_unit_test(a_broken_file_is_an_error_with_its_place),
        cmocka_unit_test(the_engine_as_check_loads_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
