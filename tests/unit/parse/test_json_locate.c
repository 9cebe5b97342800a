/* test_json_locate.c — pl_json_locate walks RFC 6901 pointers over the original text and
 * answers the byte position where a value starts, and fails cleanly on bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/image.h"

static void at(const char *text, const char *pointer, int line, int column) {
    int l = -1, c = -1;
    int rc = pl_json_locate(text, strlen(text), pointer, &l, &c);
    if (rc != 0)
        fail_msg("pointer %s did not resolve", pointer);
    if (l != line || c != column)
        fail_msg("pointer %s: got %d:%d, want %d:%d", pointer, l, c, line, column);
}

static void missing(const char *text, const char *pointer) {
    int l = 0, c = 0;
    if (pl_json_locate(text, strlen(text), pointer, &l, &c) != -1)
        fail_msg("pointer %s resolved to %d:%d but should not", pointer, l, c);
}

static const char *doc = "{\n"
                         "  \"config\": {\n"
                         "    \"User\": \"app\",\n"
                         "    \"Env\": [\"A=1\", \"B=2\",\n"
                         "            \"C=3\"],\n"
                         "    \"Labels\": {\"a/b\": \"x\", \"t~n\": \"y\", \"\": \"empty\"}\n"
                         "  },\n"
                         "  \"n\": -12.5e3, \"t\": true, \"z\": null\n"
                         "}\n";

static void walks_objects_and_arrays(void **state) {
    (void)state;
    at(doc, "", 1, 1);
    at(doc, "/config", 2, 13);
    at(doc, "/config/User", 3, 13);
    at(doc, "/config/Env", 4, 12);
    at(doc, "/config/Env/0", 4, 13);
    at(doc, "/config/Env/1", 4, 20);
    at(doc, "/config/Env/2", 5, 13);
    at(doc, "/n", 8, 8);
    at(doc, "/t", 8, 22);
    at(doc, "/z", 8, 33);
}

static void unescapes_pointer_tokens(void **state) {
    /* ~1 is '/', ~0 is '~'; an empty token names the empty key */
    (void)state;
    at(doc, "/config/Labels/a~1b", 6, 23);
    at(doc, "/config/Labels/t~0n", 6, 35);
    at(doc, "/config/Labels/", 6, 44);
    missing(doc, "/config/Labels/a/b");
    missing(doc, "/config/Labels/t~2n");
    missing(doc, "/config/Labels/t~");
}

static void compares_keys_after_json_unescaping(void **state) {
    (void)state;
    const char *t = "{\"a\\u0062c\": 1, \"\\u00e9t\\u00E9\": 2, \"\\ud83d\\ude00\": 3, "
                    "\"q\\\"\\\\\\/\": 4, \"tab\\t\": 5}";
    at(t, "/abc", 1, 14);
    at(t, "/\xc3\xa9t\xc3\xa9", 1, 34);
    at(t, "/\xf0\x9f\x98\x80", 1, 53);
    at(t, "/q\"\\~1", 1, 67); /* '/' in a key is ~1 in a pointer */
    at(t, "/tab\t", 1, 79);
}

static void slash_in_key_needs_escape(void **state) {
    (void)state;
    const char *t = "{\"a/b\": 1, \"a\": {\"b\": 2}}";
    at(t, "/a~1b", 1, 9);
    at(t, "/a/b", 1, 23);
}

static void array_indexes_are_strict(void **state) {
    (void)state;
    const char *t = "[10, [20, 21], {\"k\": [\"x\"]}]";
    at(t, "/0", 1, 2);
    at(t, "/1/1", 1, 11);
    at(t, "/2/k/0", 1, 23);
    missing(t, "/3");
    missing(t, "/01");
    missing(t, "/-");
    missing(t, "/1a");
    missing(t, "/-1");
    missing(t, "/99999999999999999999999999");
    missing(t, "/0/0"); /* a number has no children */
    missing("[]", "/0");
    missing("{}", "/a");
}

static void skips_brackets_inside_strings(void **state) {
    (void)state;
    const char *t = "{\"a\": \"}]{[\\\"\", \"b\": [\"]\", {\"c\": \"{\"}], \"d\": 1}";
    at(t, "/d", 1, 46);
    at(t, "/b/1/c", 1, 34);
}

static void columns_count_bytes(void **state) {
    /* a two-byte character before the value moves the column by two */
    (void)state;
    at("{\"\xc3\xa9\": 1, \"x\": 2}", "/x", 1, 16);
    at("\r\n  {\"a\":\r\n 1}", "/a", 3, 2);
    at("\xEF\xBB\xBF{\"a\": 1}", "/a", 1, 10); /* the BOM is skipped but its bytes count */
}

static void malformed_text_fails_cleanly(void **state) {
    (void)state;
    missing("", "");
    missing("   ", "");
    missing("{", "/a");
    missing("{\"a\"", "/a");
    missing("{\"a\" 1}", "/a");
    missing("{\"a", "/a");
    missing("{\"b\": [1, 2", "/a");
    missing("{\"b\": \"unterminated, \"a\": 1", "/a");
    missing("[1 2]", "/1");
    missing("{\"a\\u00\": 1}", "/a");
    missing("{\"a\": 1}", "a"); /* a pointer starts with '/' */
    int l, c;
    assert_int_equal(pl_json_locate(NULL, 0, "", &l, &c), -1);
    assert_int_equal(pl_json_locate("{}", 2, NULL, &l, &c), -1);
}

static void never_reads_past_len(void **state) {
    /* the buffer is not NUL-terminated: every prefix of a document must stay in bounds
     * (ASan builds catch an overread) */
    (void)state;
    size_t n = strlen(doc);
    for (size_t k = 0; k <= n; k++) {
        char *copy = malloc(k ? k : 1);
        memcpy(copy, doc, k);
        int l, c;
        int rc = pl_json_locate(copy, k, "/config/Env/2", &l, &c);
        assert_true(rc == -1 || (l == 5 && c == 13));
        if (k >= n - 60)
            assert_int_equal(rc, 0);
        pl_json_locate(copy, k, "/z", &l, &c);
        free(copy);
    }
}

static void members_in_text_order(void **state) {
    (void)state;
    pl_arena a;
    pl_arena_init(&a);
    const char *t = "{\"b\": [1, {\"x\": 2}], \"a\\u0000z\": \"s\", \"c\": {}}";
    pl_json_member *m;
    size_t n;
    assert_int_equal(pl_json_members(&a, t, strlen(t), 0, &m, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(m[0].key, "b");
    assert_int_equal(m[0].offset, 6);
    assert_int_equal(m[1].key_len, 3);
    assert_memory_equal(m[1].key, "a\0z", 3);
    assert_int_equal(t[m[1].offset], '"');
    assert_int_equal(t[m[2].offset], '{');

    pl_json_member *e;
    size_t ne;
    assert_int_equal(pl_json_members(&a, t, strlen(t), m[0].offset, &e, &ne), 0);
    assert_int_equal(ne, 2);
    assert_null(e[0].key);
    assert_int_equal(t[e[0].offset], '1');
    assert_int_equal(t[e[1].offset], '{');
    assert_int_equal(pl_json_members(&a, t, strlen(t), m[2].offset, &e, &ne), 0);
    assert_int_equal(ne, 0);

    assert_int_equal(pl_json_members(&a, t, strlen(t), m[1].offset, &e, &ne), -1);
    assert_int_equal(pl_json_members(&a, t, 10, 0, &e, &ne), -1);
    assert_int_equal(pl_json_members(&a, "[1,", 3, 0, &e, &ne), -1);
    pl_arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(walks_objects_and_arrays),
        cmocka_unit_test(unescapes_pointer_tokens),
        cmocka_unit_test(compares_keys_after_json_unescaping),
        cmocka_unit_test(slash_in_key_needs_escape),
        cmocka_unit_test(array_indexes_are_strict),
        cmocka_unit_test(skips_brackets_inside_strings),
        cmocka_unit_test(columns_count_bytes),
        cmocka_unit_test(malformed_text_fails_cleanly),
        cmocka_unit_test(never_reads_past_len),
        cmocka_unit_test(members_in_text_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
