/* test_words.c — the nearest valid name for a misspelt one, and whether a reason says
 * anything: the two judgements every "unknown field" and every exception relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/core.h"

static const char *const meta[] = {"title",  "severity", "input", "help", "aliases",
                                   "preset", "params",   "check", NULL};
static const char *const report[] = {"message", "at", "line", "column", "severity", NULL};

static void suggests_the_slip_of_the_keyboard(void **state) {
    (void)state;
    assert_string_equal(pl_suggest("sevrity", meta), "severity"); /* a deletion */
    assert_string_equal(pl_suggest("parms", meta), "params");
    assert_string_equal(pl_suggest("prest", meta), "preset");
    assert_string_equal(pl_suggest("tilte", meta), "title");  /* a swap */
    assert_string_equal(pl_suggest("checks", meta), "check"); /* an insertion */
    assert_string_equal(pl_suggest("mesage", report), "message");
    assert_string_equal(pl_suggest("lin", report), "line");
    assert_string_equal(pl_suggest("ta", report), "at");
}

static void ignores_case_and_the_kind_of_hyphen(void **state) {
    (void)state;
    static const char *const keys[] = {"fail-on", "timeout-ms", NULL};
    assert_string_equal(pl_suggest("fail_on", keys), "fail-on");
    assert_string_equal(pl_suggest("Timeout-MS", keys), "timeout-ms");
    /* a name without its unit */
    assert_string_equal(pl_suggest("timeout", keys), "timeout-ms");
    assert_null(pl_suggest("time", keys)); /* not a whole word of it */
}

static void says_nothing_when_nothing_is_near(void **state) {
    (void)state;
    /* a different word, not a typo: a suggestion would mislead */
    assert_null(pl_suggest("colour", meta));
    assert_null(pl_suggest("xy", report));
    assert_null(pl_suggest("", meta));
    assert_null(pl_suggest("severity", meta)); /* the valid name is not its own typo */
    char longword[200];
    memset(longword, 'a', sizeof longword - 1);
    longword[sizeof longword - 1] = 0;
    assert_null(pl_suggest(longword, meta));
}

static void first_of_equally_near_wins(void **state) {
    (void)state;
    static const char *const two[] = {"abcd", "abce", NULL};
    assert_string_equal(pl_suggest("abcx", two), "abcd");
}

static void hint_suggests_or_lists(void **state) {
    (void)state;
    char out[200];
    pl_suggest_hint(out, sizeof out, "sevrity", meta);
    assert_string_equal(out, "did you mean 'severity'?");
    pl_suggest_hint(out, sizeof out, "zzz", report);
    assert_string_equal(out, "use message, at, line, column or severity");
    static const char *const one[] = {"name", NULL};
    pl_suggest_hint(out, sizeof out, "zzzzzz", one);
    assert_string_equal(out, "use name");
    char tiny[8];
    pl_suggest_hint(tiny, sizeof tiny, "zzz", report); /* cut, never overflowed */
    assert_int_equal(strlen(tiny), 7);
}

static bool says(const char *s) {
    return pl_text_says_something(s, strlen(s));
}

static void a_reason_must_say_something(void **state) {
    (void)state;
    assert_true(says("vendor image, pinned upstream"));
    assert_true(says("x"));
    assert_true(says("7"));
    assert_true(says("\xc3\xa9t\xc3\xa9"));        /* "été" */
    assert_true(says("\xe6\x97\xa5\xe6\x9c\xac")); /* "日本" */
    assert_false(says(""));
    assert_false(says(" "));
    assert_false(says(" \t\r\n\v\f"));
    assert_false(says("..."));
    assert_false(says("-- ?!"));
    assert_false(says("\xc2\xa0"));                 /* no-break space */
    assert_false(says("\xe2\x80\x83\xe2\x80\x8b")); /* em space, zero-width space */
    assert_false(says("\xe3\x80\x80"));             /* ideographic space */
    assert_false(says("\xef\xbb\xbf"));             /* byte-order mark */
    assert_false(says("\xff\xfe\x80"));             /* stray bytes are not words */
    assert_false(says("\xed\xa0\x80"));             /* an encoded surrogate */
    assert_true(pl_text_says_something("ok\0", 3));
    assert_false(pl_text_says_something("\0ok", 1)); /* only n bytes are read */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suggests_the_slip_of_the_keyboard),
        cmocka_unit_test(ignores_case_and_the_kind_of_hyphen),
        cmocka_unit_test(says_nothing_when_nothing_is_near),
        cmocka_unit_test(first_of_equally_near_wins),
        cmocka_unit_test(hint_suggests_or_lists),
        cmocka_unit_test(a_reason_must_say_something),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
