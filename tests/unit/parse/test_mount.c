/* test_mount.c — RUN --mount values read as BuildKit's parseMount reads them: Go's
 * encoding/csv splitting, lowercased keys, the last repeat winning, defaults, and the
 * values and combinations BuildKit rejects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/dockerfile.h"

static pl_arena A;

static int setup(void **state) {
    pl_arena_init(&A);
    return 0;
}
static int teardown(void **state) {
    pl_arena_free(&A);
    return 0;
}

static pl_df_mount mount(const char *v) {
    pl_df_mount m;
    pl_df_mount_parse(&A, v, strlen(v), NULL, NULL, &m);
    return m;
}

static void csv_fields_as_go_reads_them(void **state) {
    /* a quoted field may hold commas: one field, not two */
    pl_df_mount m = mount("type=bind,\"target=/x,src=y\"");
    assert_null(m.error);
    assert_int_equal(m.nfields, 2);
    assert_string_equal(m.target, "/x,src=y");
    assert_null(m.source);
    /* "" is a quote inside a quoted field */
    m = mount("\"src=a\"\"b\"");
    assert_string_equal(m.source, "a\"b");
    /* a bare quote, an unterminated quote, text after a closing quote: errors */
    assert_non_null(mount("target=/x\"y").error);
    assert_non_null(mount("\"target=/x").error);
    assert_non_null(mount("\"target=/x\"y").error);
    /* an empty value is io.EOF to the reader */
    assert_string_equal(mount("").error, "failed to parse csv mounts: EOF");
    /* a trailing CR is dropped, as before EOF in Go */
    assert_string_equal(mount("target=/x\r").target, "/x");
}

static void keys_are_lowercased_and_the_last_wins(void **state) {
    pl_df_mount m = mount("TYPE=Secret,ID=aws,Target=/run/a");
    assert_null(m.error);
    assert_string_equal(m.type, "secret");
    assert_string_equal(m.id, "aws");
    assert_string_equal(m.keys[0], "type");
    m = mount("target=/a,dst=/b,destination=/c");
    assert_string_equal(m.target, "/c");
    m = mount("type=cache,type=bind");
    assert_string_equal(m.type, "bind");
    /* strings.ToLower, not ASCII only: a Kelvin sign is a k */
    m = mount("type=cache,\xe2\x84\xaa"
              "ey=1");
    assert_string_equal(m.error, "unexpected key 'key' in '\xe2\x84\xaa"
                                 "ey=1'");
}

static void readonly_defaults_and_values(void **state) {
    assert_true(mount("target=/x").readonly); /* bind: read-only by default */
    assert_false(mount("type=cache,target=/x").readonly);
    assert_false(mount("type=tmpfs,target=/x").readonly);
    assert_true(mount("type=cache,target=/x,ro").readonly);
    assert_false(mount("target=/x,rw").readonly);
    assert_true(mount("target=/x,rw=false").readonly);
    assert_false(mount("target=/x,readonly=0").readonly);
    assert_string_equal(mount("target=/x,ro=maybe").error, "invalid value for ro: maybe");
}

static void rejections(void **state) {
    assert_string_equal(mount("type=foo").error, "unsupported mount type \"foo\"");
    assert_string_equal(mount("target=/x,junk").error,
                        "invalid field 'junk' must be a key=value pair");
    assert_string_equal(mount("target=/x,required").error,
                        "unexpected key 'required' for mount type 'bind'");
    assert_true(mount("type=secret,id=a,required").required);
    assert_string_equal(mount("target=/x,mode=0644").error,
                        "mode not allowed for \"bind\" type mounts");
    assert_null(mount("type=cache,target=/x,mode=0644,uid=1000").error);
    assert_string_equal(mount("type=cache,mode=9").error, "invalid value 9 for mode");
    assert_string_equal(mount("type=secret,id=a,from=b").error,
                        "secret mount should not have a from");
    assert_string_equal(mount("type=secret").error,
                        "invalid secret mount. one of source, target required");
    assert_string_equal(mount("type=secret,src=a,id=b").error, "both source and id can't be set");
    assert_string_equal(mount("type=bind,sharing=locked").error,
                        "invalid cache sharing set for bind mount");
    assert_string_equal(mount("type=cache,sharing=LOCKED").sharing, "locked");
}

static const char *upper_or_unknown(void *ctx, const char *s, size_t n) {
    (void)ctx;
    if (n > 0 && s[0] == '$')
        return NULL; /* undecidable */
    char *d = pl_arena_strndup(&A, s, n);
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 'a' && d[i] <= 'z')
            d[i] = (char)(d[i] - 32);
    return d;
}

static void each_value_is_expanded_on_its_own(void **state) {
    pl_df_mount m;
    const char *v = "type=cache,from=build,target=$T";
    pl_df_mount_parse(&A, v, strlen(v), upper_or_unknown, NULL, &m);
    assert_string_equal(m.type, "cache"); /* CACHE, lowercased by parseMount */
    assert_string_equal(m.from, "BUILD");
    assert_null(m.target);                  /* undecidable: not guessed */
    assert_string_equal(m.values[2], "$T"); /* the field keeps it as written */
}

int main(void) {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(csv_fields_as_go_reads_them),       T(keys_are_lowercased_and_the_last_wins),
        T(readonly_defaults_and_values),      T(rejections),
        T(each_value_is_expanded_on_its_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
