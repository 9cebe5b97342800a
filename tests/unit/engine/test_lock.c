/* test_lock.c — plimsoll.lock: the digest is defined by content alone, and verifying
 * names every changed, added and removed file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plimsoll/lock.h"

static void put(const char *dir, const char *rel, const char *text) {
    char path[600];
    int n = snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_true(n > 0 && (size_t)n < sizeof path);
    char *slash = strrchr(path, '/');
    *slash = 0;
    mkdir(path, 0777);
    *slash = '/';
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *bundle(void) {
    char *dir = strdup("/tmp/pl-lock-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char sub[600];
    snprintf(sub, sizeof sub, "%s/b", dir);
    mkdir(sub, 0777);
    put(sub, "bundle.yaml", "name: acme\nversion: 1.0.0\n");
    put(sub, "r.lua", "return {}\n");
    put(sub, "lib/m.lua", "return {}\n");
    put(sub, ".git", "gitdir: elsewhere\n"); /* hidden: not content */
    return dir;
}

static void cleanup(char *dir) {
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static const pl_problem *problem_with(const pl_results *r, const char *path_end,
                                      const char *needle) {
    for (size_t i = 0; i < r->nproblems; i++) {
        const char *p = r->problems[i].path;
        size_t n = strlen(p), k = strlen(path_end);
        if (n >= k && strcmp(p + n - k, path_end) == 0 && strstr(r->problems[i].message, needle))
            return &r->problems[i];
    }
    return NULL;
}

static void digest_is_the_sha256sum_listing(void **state) {
    /* the bundle digest is sha256 over "<file digest>  <path>\n" lines, sorted by path:
     * recompute it independently with sha256sum */
    (void)state;
    char *dir = bundle();
    char b[600], cmd[1200], expect[80] = "sha256:";
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && LC_ALL=C find . -type f -not -name '.*' | sed 's|^\\./||' | LC_ALL=C sort"
             " | xargs sha256sum | sha256sum | cut -c1-64",
             b);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(expect + 7, 70, p));
    pclose(p);
    expect[7 + 64] = 0;
    char got[72];
    pl_error err;
    assert_int_equal(pl_lock_digest(b, got, &err), 0);
    assert_string_equal(got, expect);
    cleanup(dir);
}

static void verify_names_each_change(void **state) {
    (void)state;
    char *dir = bundle();
    char b[600], lock[600];
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(lock, sizeof lock, "%s/plimsoll.lock", dir);
    const char *dirs[] = {b};
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_lock_write(lock, dirs, 1, &res), 0);
    assert_int_equal(pl_lock_verify(lock, dirs, 1, &res), 0);

    put(b, "r.lua", "return { changed = true }\n");
    put(b, "lib/new.lua", "return {}\n");
    char gone[700];
    snprintf(gone, sizeof gone, "%s/lib/m.lua", b);
    unlink(gone);
    put(b, ".hidden", "not content\n");
    assert_int_equal(pl_lock_verify(lock, dirs, 1, &res), 3);
    assert_non_null(problem_with(&res, "/b/r.lua", "file changed"));
    assert_non_null(problem_with(&res, "/b/lib/new.lua", "file added"));
    assert_non_null(problem_with(&res, "/b/lib/m.lua", "file removed"));
    pl_results_free(&res);
    cleanup(dir);
}

static void bad_lockfiles(void **state) {
    (void)state;
    char *dir = bundle();
    char b[600], lock[600];
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(lock, sizeof lock, "%s/plimsoll.lock", dir);
    const char *dirs[] = {b};
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_lock_verify(lock, dirs, 1, &res), 1);
    assert_non_null(strstr(res.problems[0].message, "no lockfile"));
    pl_results_free(&res);

    put(dir, "plimsoll.lock", "{\"bundles\": [}\n");
    pl_results_init(&res);
    assert_int_equal(pl_lock_verify(lock, dirs, 1, &res), 1);
    assert_int_equal(res.problems[0].line, 1);
    pl_results_free(&res);

    put(dir, "plimsoll.lock", "{\"lockfile-version\": 1, \"bundles\": []}\n");
    pl_results_init(&res);
    assert_int_equal(pl_lock_verify(lock, dirs, 1, &res), 1);
    assert_non_null(strstr(res.problems[0].message, "not pinned"));
    pl_results_free(&res);

    /* a bundle without a manifest is not written into a lockfile */
    put(b, "bundle.yaml", "version: 1.0.0\n");
    pl_results_init(&res);
    assert_true(pl_lock_write(lock, dirs, 1, &res) > 0);
    pl_results_free(&res);
    cleanup(dir);
}

/* The reader the fuzzer drives: a lockfile is read whole or refused, never half-read. A
 * malformed entry was once skipped when no bundle of the run matched it. */
static void lockfile_text_is_checked_whole(void **state) {
    (void)state;
    static const struct {
        const char *text;
        const char *needle;
    } cases[] = {
        {"", "'[' or '{' expected"},
        {"{\"lockfile-version\": 1, \"bundles\": [], \"bundles\": []}", "duplicate object key"},
        {"{\"lockfile-version\": 2, \"bundles\": []}", "not a version 1 plimsoll lockfile"},
        {"{\"lockfile-version\": 1, \"bundles\": [3]}", "bundle entry 1 is malformed"},
        {"{\"lockfile-version\": 1, \"bundles\": [{\"path\": \"a\", \"digest\": \"d\", "
         "\"files\": {\"x.lua\": 1}}]}",
         "bundle entry 1 is malformed"},
        {"{\"lockfile-version\": 1, \"bundles\": [{\"path\": \"a\", \"files\": {}}]}",
         "bundle entry 1 is malformed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_results res;
        pl_results_init(&res);
        assert_int_equal(pl_lock_check_text("x.lock", cases[i].text, strlen(cases[i].text), &res),
                         1);
        if (!strstr(res.problems[0].message, cases[i].needle))
            fprintf(stderr, "%s -> %s\n", cases[i].text, res.problems[0].message);
        assert_non_null(strstr(res.problems[0].message, cases[i].needle));
        assert_string_equal(res.problems[0].path, "x.lock");
        pl_results_free(&res);
    }
    static const char good[] = "{\"lockfile-version\": 1, \"bundles\": [{\"path\": \"a\", "
                               "\"digest\": \"sha256:0\", \"files\": {\"x.lua\": \"sha256:1\"}}]}";
    pl_results res;
    pl_results_init(&res);
    assert_int_equal(pl_lock_check_text("x.lock", good, strlen(good), &res), 0);
    pl_results_free(&res);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(digest_is_the_sha256sum_listing),
        cmocka_unit_test(verify_names_each_change),
        cmocka_unit_test(bad_lockfiles),
        cmocka_unit_test(lockfile_text_is_checked_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
