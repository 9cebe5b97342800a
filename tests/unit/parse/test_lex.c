/* test_lex.c — the shell word lexer beyond what BuildKit's envVarTest/wordsTest cover:
 * the # ## % %% / // modifiers (upstream has them only as Go literals), lexer options,
 * what pl_lex_info reports, variable scopes, line maps, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/shell.h"

typedef struct fx {
    pl_arena a;
    pl_env env;
} fx;

static int setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    pl_arena_init(&f->a);
    pl_env_set(&f->a, &f->env, "FOO", "a/b/c");
    pl_env_set(&f->a, &f->env, "EMPTY", "");
    pl_env_set(&f->a, &f->env, "UNDECIDED", NULL);
    pl_env_set(&f->a, &f->env, "F", "file.tar.gz");
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fx *f = *state;
    pl_arena_free(&f->a);
    free(f);
    return 0;
}

/* Expands src as one word with FOO, EMPTY, UNDECIDED and F in scope; NULL on error. */
static const char *word(fx *f, const char *src) {
    pl_lex_opts o = {.escape = '\\', .env = &f->env};
    char *out = NULL;
    pl_error err;
    return pl_lex_word(&f->a, src, strlen(src), &o, &out, NULL, &err) < 0 ? NULL : out;
}

static void prefix_and_suffix_removal(void **state) {
    fx *f = *state;
    assert_string_equal(word(f, "${FOO#*/}"), "b/c");
    assert_string_equal(word(f, "${FOO##*/}"), "c");
    assert_string_equal(word(f, "${FOO%/*}"), "a/b");
    assert_string_equal(word(f, "${FOO%%/*}"), "a");
    assert_string_equal(word(f, "${F%.*}"), "file.tar");
    assert_string_equal(word(f, "${F%%.*}"), "file");
    assert_string_equal(word(f, "${F#?i}"), "le.tar.gz");
    assert_string_equal(word(f, "${FOO#x}"), "a/b/c");      /* no match: unchanged */
    assert_string_equal(word(f, "${NOPE#*}"), "");          /* unset: empty */
    assert_string_equal(word(f, "${F#file.tar.gz}"), "");   /* whole value */
    assert_string_equal(word(f, "x${FOO#a\\/}y"), "xb/cy"); /* \/ is a literal / */
}

static void pattern_escapes(void **state) {
    fx *f = *state;
    pl_env e = {0};
    pl_env_set(&f->a, &e, "S", "a*b?c");
    pl_lex_opts o = {.escape = '\\', .env = &e};
    char *out;
    pl_error err;
    assert_int_equal(pl_lex_word(&f->a, "${S#a\\*}", 8, &o, &out, NULL, &err), 0);
    assert_string_equal(out, "b?c");
    assert_int_equal(pl_lex_word(&f->a, "${S%\\?c}", 8, &o, &out, NULL, &err), 0);
    assert_string_equal(out, "a*b");
    /* an escape of an ordinary character is not a pattern */
    assert_int_equal(pl_lex_word(&f->a, "${S#\\x}", 7, &o, &out, NULL, &err), -1);
    assert_non_null(strstr(err.message, "invalid escape"));
}

static void replacement(void **state) {
    fx *f = *state;
    assert_string_equal(word(f, "${FOO/b/x}"), "a/x/c");
    assert_string_equal(word(f, "${FOO//\\//-}"), "a-b-c");
    assert_string_equal(word(f, "${FOO/\\//-}"), "a-b/c");
    assert_string_equal(word(f, "${FOO/a*/z}"), "z"); /* greedy star */
    assert_string_equal(word(f, "${FOO/q/z}"), "a/b/c");
    assert_string_equal(word(f, "${F//?/.}"), "...........");
    assert_null(word(f, "${FOO/b}"));  /* missing second / */
    assert_null(word(f, "${FOO/b/x")); /* missing } */
}

static void modifier_errors(void **state) {
    fx *f = *state;
    pl_lex_opts o = {.escape = '\\', .env = &f->env};
    char *out;
    pl_error err;
    assert_null(word(f, "${FOO:#x}"));
    assert_null(word(f, "${FOO:%x}"));
    assert_null(word(f, "${FOO=x}"));
    assert_null(word(f, "${FOO:=x}"));
    assert_int_equal(pl_lex_word(&f->a, "${NOPE?gone}", 12, &o, &out, NULL, &err), -1);
    assert_non_null(strstr(err.message, "NOPE: gone"));
    assert_int_equal(pl_lex_word(&f->a, "${EMPTY:?}", 10, &o, &out, NULL, &err), -1);
    assert_non_null(strstr(err.message, "is not allowed to be empty"));
    assert_int_equal(pl_lex_word(&f->a, "${NOPE?}", 8, &o, &out, NULL, &err), -1);
    assert_non_null(strstr(err.message, "is not allowed to be unset"));
    assert_string_equal(word(f, "${EMPTY?}"), "");
}

static void unresolved_names_are_reported(void **state) {
    fx *f = *state;
    pl_lex_opts o = {.escape = '\\', .env = &f->env};
    pl_lex_info info = {0};
    char *out;
    pl_error err;
    const char *src = "$A-${B}-$FOO-$UNDECIDED-$A";
    assert_int_equal(pl_lex_word(&f->a, src, strlen(src), &o, &out, &info, &err), 0);
    assert_string_equal(out, "--a/b/c--");
    assert_int_equal(info.unresolved.len, 3); /* A once, B, UNDECIDED */
    assert_string_equal(PL_VEC_AT(info.unresolved, const char *, 0), "A");
    assert_string_equal(PL_VEC_AT(info.unresolved, const char *, 1), "B");
    assert_string_equal(PL_VEC_AT(info.unresolved, const char *, 2), "UNDECIDED");
    assert_false(info.removed_quotes);
    pl_lex_info info2 = {0};
    assert_int_equal(pl_lex_word(&f->a, "'x'", 3, &o, &out, &info2, &err), 0);
    assert_true(info2.removed_quotes);
}

static void names_are_case_sensitive(void **state) {
    fx *f = *state;
    assert_string_equal(word(f, "[$foo]"), "[]");
    assert_string_equal(word(f, "[$FOO]"), "[a/b/c]");
}

static void options(void **state) {
    fx *f = *state;
    char *out;
    pl_error err;
    pl_lex_opts skip = {.escape = '\\', .skip_unset_env = true, .env = &f->env};
    const char *src = "$A ${B} ${C:-x} ${D/a/b} $FOO";
    assert_int_equal(pl_lex_word(&f->a, src, strlen(src), &skip, &out, NULL, &err), 0);
    assert_string_equal(out, "$A ${B} ${C:-x} ${D/a/b} a/b/c");

    pl_lex_opts raw = {.escape = '\\', .raw_quotes = true, .raw_escapes = true};
    assert_int_equal(pl_lex_word(&f->a, "'a b' \"c\\$\" e\\ f", 16, &raw, &out, NULL, &err), 0);
    assert_string_equal(out, "'a b' \"c\\$\" e\\ f");

    pl_lex_opts noq = {.escape = '\\', .skip_process_quotes = true};
    assert_int_equal(pl_lex_word(&f->a, "'a'\"b\"", 6, &noq, &out, NULL, &err), 0);
    assert_string_equal(out, "'a'\"b\"");

    pl_lex_opts tick = {.escape = '`', .env = &f->env};
    assert_int_equal(pl_lex_word(&f->a, "C:\\x`$FOO", 9, &tick, &out, NULL, &err), 0);
    assert_string_equal(out, "C:\\x$FOO");
}

static void words_keep_heredoc_markers_whole(void **state) {
    fx *f = *state;
    pl_vec w = {0};
    pl_error err;
    assert_int_equal(pl_lex_words(&f->a, "cat <<  EOF x", 13, NULL, &w, NULL, &err), 0);
    assert_int_equal(w.len, 3);
    assert_string_equal(PL_VEC_AT(w, const char *, 1), "<<  EOF");
}

static void env_scopes(void **state) {
    fx *f = *state;
    pl_env c = pl_env_copy(&f->a, &f->env);
    pl_env_set(&f->a, &c, "FOO", "changed");
    pl_env_set(&f->a, &c, "NEW", "1");
    assert_string_equal(pl_env_get(&f->env, "FOO", 3)->value, "a/b/c");
    assert_null(pl_env_get(&f->env, "NEW", 3));
    assert_string_equal(pl_env_get(&c, "FOO", 3)->value, "changed");
    assert_null(pl_env_get(&c, "FO", 2));
    assert_null(pl_env_get(NULL, "FOO", 3));
    assert_non_null(pl_env_get(&c, "UNDECIDED", 9));
    assert_null(pl_env_get(&c, "UNDECIDED", 9)->value);
}

static void env_many_and_deep(void **state) {
    /* thousands of names in one scope (indexed), and a chain of 200 copies each setting
     * one name (read through, flattened now and then): nearer settings win, the
     * original never changes, and a name in no layer is unset */
    fx *f = *state;
    pl_env big = {0};
    char *names[3000];
    for (int i = 0; i < 3000; i++) {
        names[i] = pl_arena_printf(&f->a, "V%d", i);
        pl_env_set(&f->a, &big, names[i], names[i]);
    }
    pl_env_set(&f->a, &big, "V7", "again");
    assert_int_equal(big.vars.len, 3000);
    assert_string_equal(pl_env_get(&big, "V2999", 5)->value, "V2999");
    assert_string_equal(pl_env_get(&big, "V7", 2)->value, "again");
    assert_null(pl_env_get(&big, "V3000", 5));
    assert_null(pl_env_get(&big, "V", 1)); /* a prefix of a name is not the name */

    pl_env *chain = pl_arena_alloc(&f->a, 201 * sizeof *chain);
    chain[0] = pl_env_copy(&f->a, &f->env);
    for (int i = 1; i <= 200; i++) {
        chain[i] = pl_env_copy(&f->a, &chain[i - 1]);
        pl_env_set(&f->a, &chain[i], names[i], names[i]);
        pl_env_set(&f->a, &chain[i], "LAST", names[i]);
    }
    assert_string_equal(pl_env_get(&chain[200], "LAST", 4)->value, "V200");
    assert_string_equal(pl_env_get(&chain[100], "LAST", 4)->value, "V100");
    assert_string_equal(pl_env_get(&chain[200], "V1", 2)->value, "V1");
    assert_string_equal(pl_env_get(&chain[200], "FOO", 3)->value, "a/b/c");
    assert_null(pl_env_get(&chain[200], "V201", 4));
    assert_null(pl_env_get(&chain[50], "V51", 3));
    assert_null(pl_env_get(&f->env, "LAST", 4));
}

static void line_maps(void **state) {
    size_t offs[] = {0, 4, 10};
    int lines[] = {3, 4, 7};
    int cols[] = {5, 1, 3};
    pl_line_map m = {offs, lines, 3, cols};
    assert_int_equal(pl_line_map_line(&m, 0), 3);
    assert_int_equal(pl_line_map_line(&m, 3), 3);
    assert_int_equal(pl_line_map_line(&m, 4), 4);
    assert_int_equal(pl_line_map_line(&m, 9), 4);
    assert_int_equal(pl_line_map_line(&m, 1000), 7);
    assert_int_equal(pl_line_map_column(&m, 0), 5);
    assert_int_equal(pl_line_map_column(&m, 3), 8);
    assert_int_equal(pl_line_map_column(&m, 4), 1);
    assert_int_equal(pl_line_map_column(&m, 12), 5);
    pl_line_map empty = {0};
    assert_int_equal(pl_line_map_line(&empty, 0), 0);
    assert_int_equal(pl_line_map_column(&empty, 0), 0);
}

static void hostile_input_does_not_crash(void **state) {
    fx *f = *state;
    char *out;
    pl_error err;
    pl_lex_opts o = {.escape = '\\', .env = &f->env};
    /* embedded NUL bytes are ordinary characters: len is explicit */
    assert_int_equal(pl_lex_word(&f->a, "a\0b", 3, &o, &out, NULL, &err), 0);
    assert_memory_equal(out, "a\0b", 3);
    assert_string_equal(word(f, "\\"), "");
    assert_null(word(f, "${${${"));
    /* ${a:-${a:-...}} nested thousands deep: an error, not a stack overflow */
    size_t depth = 5000, n = 0;
    char *deep = malloc(depth * 6 + 8);
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + n, "${a:-", 5), n += 5;
    deep[n++] = 'x';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '}';
    assert_int_equal(pl_lex_word(&f->a, deep, n, &o, &out, NULL, &err), -1);
    /* a modest nesting still works */
    assert_string_equal(word(f, "${a:-${b:-${c:-${FOO}}}}"), "a/b/c");
    free(deep);
    /* a cubic pattern match on a long value ends with an error, not a hang */
    size_t vn = 20000;
    char *long_v = malloc(vn + 1);
    memset(long_v, 'a', vn);
    long_v[vn] = '\0';
    pl_env big = {0};
    pl_env_set(&f->a, &big, "V", long_v);
    pl_lex_opts ob = {.escape = '\\', .env = &big};
    assert_int_equal(pl_lex_word(&f->a, "${V//*x*/y}", 11, &ob, &out, NULL, &err), -1);
    assert_non_null(strstr(err.message, "too costly"));
    free(long_v);
    /* invalid UTF-8 becomes U+FFFD, as text/scanner and WriteRune make it */
    assert_string_equal(word(f, "\xff\xfe$FOO"), "\xef\xbf\xbd\xef\xbf\xbd"
                                                 "a/b/c");
}

/* The scanner's Go semantics: BOM, NUL, invalid bytes, Unicode name characters. */
static void go_scanner_semantics(void **state) {
    fx *f = *state;
    pl_lex_opts o = {.escape = '\\', .env = &f->env};
    pl_error err;
    /* a BOM at the very start is skipped, elsewhere it is a character */
    assert_string_equal(word(f, "\xef\xbb\xbf"
                                "EOF"),
                        "EOF");
    assert_string_equal(word(f, "E\xef\xbb\xbf"
                                "OF"),
                        "E\xef\xbb\xbf"
                        "OF");
    /* a NUL is an ordinary character: the lengths say so */
    pl_lex_info info = {0};
    pl_vec ws = {0};
    assert_int_equal(pl_lex_words(&f->a, "a\0b c", 5, &o, &ws, &info, &err), 0);
    assert_int_equal(ws.len, 2);
    assert_int_equal(info.word_lens.len, 2);
    assert_int_equal(PL_VEC_AT(info.word_lens, size_t, 0), 3);
    assert_memory_equal(PL_VEC_AT(ws, const char *, 0), "a\0b", 3);
    char *out;
    pl_lex_info info2 = {0};
    assert_int_equal(pl_lex_word(&f->a, "'x\0y'", 5, &o, &out, &info2, &err), 0);
    assert_int_equal(info2.len, 3);
    /* a raw 0x85 or 0xA0 byte is U+FFFD, not white space: one word */
    pl_vec one = {0};
    assert_int_equal(pl_lex_words(&f->a,
                                  "a\x85"
                                  "b\xa0"
                                  "c",
                                  5, &o, &one, NULL, &err),
                     0);
    assert_int_equal(one.len, 1);
    /* while the encoded U+0085 is white space */
    pl_vec two = {0};
    assert_int_equal(pl_lex_words(&f->a,
                                  "a\xc2\x85"
                                  "b",
                                  4, &o, &two, NULL, &err),
                     0);
    assert_int_equal(two.len, 2);
    /* names take Unicode letters and digits (unicode.IsLetter / IsDigit) */
    pl_env env = {0};
    pl_env_set(&f->a, &env, "\xc3\xa9t\xc3\xa9", "summer");
    pl_env_set(&f->a, &env, "\xd9\xa3", "three");
    pl_lex_opts ou = {.escape = '\\', .env = &env};
    assert_int_equal(pl_lex_word(&f->a, "$\xc3\xa9t\xc3\xa9-$\xd9\xa3x", 11, &ou, &out, NULL, &err),
                     0);
    assert_string_equal(out, "summer-threex");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(prefix_and_suffix_removal, setup, teardown),
        cmocka_unit_test_setup_teardown(go_scanner_semantics, setup, teardown),
        cmocka_unit_test_setup_teardown(pattern_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(env_many_and_deep, setup, teardown),
        cmocka_unit_test_setup_teardown(replacement, setup, teardown),
        cmocka_unit_test_setup_teardown(modifier_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(unresolved_names_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(names_are_case_sensitive, setup, teardown),
        cmocka_unit_test_setup_teardown(options, setup, teardown),
        cmocka_unit_test_setup_teardown(words_keep_heredoc_markers_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(env_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(line_maps, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile_input_does_not_crash, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
