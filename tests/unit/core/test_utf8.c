/* test_utf8.c — pl_utf8_len and pl_utf8_escape_invalid: which bytes are UTF-8, and the
 * one way a stray byte is written in every output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/core.h"

static char *escaped(const char *s, size_t n) {
    pl_buf b;
    pl_buf_init(&b);
    pl_utf8_escape_invalid(&b, s, n);
    pl_buf_append(&b, "", 0);
    return pl_buf_take(&b);
}

static void accepts_every_sequence_length(void **state) {
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(pl_utf8_len("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(pl_utf8_len("\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xe9);
    assert_int_equal(pl_utf8_len("\xe2\x82\xac", 3, &cp), 3);
    assert_int_equal(cp, 0x20ac);
    assert_int_equal(pl_utf8_len("\xf0\x9f\x90\xb3", 4, &cp), 4);
    assert_int_equal(cp, 0x1f433);
}

static void rejects_what_is_not_utf8(void **state) {
    (void)state;
    assert_int_equal(pl_utf8_len("\xff", 1, NULL), 0);             /* never a lead byte */
    assert_int_equal(pl_utf8_len("\x80", 1, NULL), 0);             /* lone continuation */
    assert_int_equal(pl_utf8_len("\xc0\xaf", 2, NULL), 0);         /* overlong '/' */
    assert_int_equal(pl_utf8_len("\xed\xa0\x80", 3, NULL), 0);     /* surrogate U+D800 */
    assert_int_equal(pl_utf8_len("\xf4\x90\x80\x80", 4, NULL), 0); /* past U+10FFFF */
    /* a sequence cut by the end of the buffer, even when the next byte would fit */
    assert_int_equal(pl_utf8_len("\xe2\x82\xac", 2, NULL), 0);
    assert_int_equal(pl_utf8_len("", 0, NULL), 0);
    assert_true(pl_utf8_valid("caf\xc3\xa9", 5));
    assert_false(pl_utf8_valid("caf\xc3", 4));
}

static void escapes_each_stray_byte_visibly(void **state) {
    (void)state;
    char *e = escaped("a\xff"
                      "b\xc3\xa9"
                      "c\xe2\x82",
                      8);
    /* valid sequences stay, each stray byte is \xNN; a cut sequence is two stray bytes */
    assert_string_equal(e, "a\\xffb\xc3\xa9"
                           "c\\xe2\\x82");
    assert_true(pl_utf8_valid(e, strlen(e)));
    free(e);
    e = escaped("plain", 5);
    assert_string_equal(e, "plain");
    free(e);
    /* a NUL is a byte like any other here (callers decide about it) */
    e = escaped("a\0b", 3);
    assert_memory_equal(e, "a\0b", 3);
    free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_every_sequence_length),
        cmocka_unit_test(rejects_what_is_not_utf8),
        cmocka_unit_test(escapes_each_stray_byte_visibly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
