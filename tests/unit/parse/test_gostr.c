/* test_gostr.c — the Go-semantics byte layer against the Unicode Character Database
 * (UnicodeData.txt and PropList.txt from Debian's unicode-data, Unicode 15 like Go's
 * tables) for every code point, and UTF-8 decoding against an independent statement of
 * Go's acceptance table for every byte sequence of up to three bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../src/parse/gostr.h"

#define UCD_DIR "/usr/share/unicode"
#define NCP 0x110000

typedef struct ucd {
    char gc[NCP][2];    /* general category, "Cn" when unassigned */
    int32_t lower[NCP]; /* simple lowercase mapping (field 13), itself when none */
    bool white[NCP];    /* PropList White_Space */
} ucd;

static ucd *U;

static FILE *open_ucd(const char *name) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", UCD_DIR, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s is missing: install Debian's unicode-data (scripts/bootstrap.sh does)", path);
    return f;
}

/* Splits a line on ';' into at most n fields (in place). */
static int fields(char *line, char **out, int n) {
    int k = 0;
    out[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == ';') {
            *p = '\0';
            out[k++] = p + 1;
        }
    return k;
}

static int load(void **state) {
    U = calloc(1, sizeof *U);
    assert_non_null(U);
    for (int32_t c = 0; c < NCP; c++) {
        U->gc[c][0] = 'C', U->gc[c][1] = 'n';
        U->lower[c] = c;
    }
    FILE *f = open_ucd("UnicodeData.txt");
    char line[1024];
    int32_t first = -1;
    while (fgets(line, sizeof line, f)) {
        char *fl[15];
        if (fields(line, fl, 15) < 14)
            continue;
        int32_t cp = (int32_t)strtol(fl[0], NULL, 16);
        if (strstr(fl[1], ", First>")) {
            first = cp;
            continue;
        }
        int32_t lo = strstr(fl[1], ", Last>") ? first : cp;
        for (int32_t c = lo; c <= cp; c++) {
            U->gc[c][0] = fl[2][0], U->gc[c][1] = fl[2][1];
            if (fl[13][0])
                U->lower[c] = (int32_t)strtol(fl[13], NULL, 16);
        }
    }
    fclose(f);
    f = open_ucd("PropList.txt");
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "; White_Space"))
            continue;
        char *dots = strstr(line, "..");
        int32_t a = (int32_t)strtol(line, NULL, 16);
        int32_t b = dots ? (int32_t)strtol(dots + 2, NULL, 16) : a;
        for (int32_t c = a; c <= b; c++)
            U->white[c] = true;
    }
    fclose(f);
    *state = U;
    return 0;
}

static int unload(void **state) {
    free(U);
    return 0;
}

/* ---- tables, every code point ---- */

static void to_lower_matches_simple_case_mapping(void **state) {
    int bad = 0;
    for (int32_t c = 0; c < NCP; c++)
        if (pl_go_to_lower(c) != U->lower[c] && bad++ < 10)
            print_error("U+%04X: %04X, want %04X\n", c, pl_go_to_lower(c), U->lower[c]);
    assert_int_equal(bad, 0);
}

static void is_space_matches_white_space(void **state) {
    int bad = 0;
    for (int32_t c = 0; c < NCP; c++)
        if (pl_go_is_space(c) != U->white[c] && bad++ < 10)
            print_error("U+%04X: %d\n", c, pl_go_is_space(c));
    assert_int_equal(bad, 0);
}

static void letter_digit_print_match_categories(void **state) {
    int bad = 0;
    for (int32_t c = 0; c < NCP; c++) {
        char g = U->gc[c][0];
        bool letter = g == 'L', digit = g == 'N' && U->gc[c][1] == 'd';
        bool print = c == ' ' || g == 'L' || g == 'M' || g == 'N' || g == 'P' || g == 'S';
        if ((pl_go_is_letter(c) != letter || pl_go_is_digit(c) != digit ||
             pl_go_is_print(c) != print) &&
            bad++ < 10)
            print_error("U+%04X (%c%c): letter %d digit %d print %d\n", c, g, U->gc[c][1],
                        pl_go_is_letter(c), pl_go_is_digit(c), pl_go_is_print(c));
    }
    assert_int_equal(bad, 0);
}

/* ---- UTF-8 decoding, every sequence of up to three bytes ---- */

/* Go's utf8.DecodeRune, stated the way unicode/utf8 tabulates it: the first byte gives
 * the length and the accepted range of the second byte. */
static int32_t ref_decode(const unsigned char *p, size_t n, size_t *w) {
    *w = 1;
    unsigned char b = p[0];
    if (b < 0x80)
        return b;
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        len = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        len = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4)
        len = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    else
        return 0xFFFD;
    if (n < (size_t)len || p[1] < lo || p[1] > hi)
        return 0xFFFD;
    for (int i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0xFFFD;
    int32_t r = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int i = 1; i < len; i++)
        r = (r << 6) | (p[i] & 0x3F);
    *w = (size_t)len;
    return r;
}

static void decode_matches_go_on_all_short_sequences(void **state) {
    unsigned char s[4];
    int bad = 0;
    for (size_t n = 1; n <= 3; n++) {
        uint32_t total = 1u << (8 * n);
        for (uint32_t v = 0; v < total; v++) {
            for (size_t i = 0; i < n; i++)
                s[i] = (unsigned char)(v >> (8 * i));
            size_t w1, w2;
            int32_t a = pl_go_decode_rune((const char *)s, n, &w1);
            int32_t b = ref_decode(s, n, &w2);
            if ((a != b || w1 != w2) && bad++ < 10)
                print_error("%02x %02x %02x (n=%zu): %04X/%zu, want %04X/%zu\n", s[0], s[1], s[2],
                            n, a, w1, b, w2);
        }
    }
    /* four bytes: every lead and second byte, edge values for the rest */
    static const unsigned char edge[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF};
    for (unsigned l = 0xF0; l <= 0xFF; l++)
        for (unsigned b2 = 0; b2 < 256; b2++)
            for (size_t i = 0; i < sizeof edge; i++)
                for (size_t j = 0; j < sizeof edge; j++) {
                    s[0] = (unsigned char)l, s[1] = (unsigned char)b2, s[2] = edge[i],
                    s[3] = edge[j];
                    size_t w1, w2;
                    int32_t a = pl_go_decode_rune((const char *)s, 4, &w1);
                    int32_t b = ref_decode(s, 4, &w2);
                    if ((a != b || w1 != w2) && bad++ < 10)
                        print_error("%02x %02x %02x %02x: %04X, want %04X\n", s[0], s[1], s[2],
                                    s[3], a, b);
                }
    assert_int_equal(bad, 0);
}

/* ---- strings.ToLower, trimming, Quote, ParseFloat ---- */

static void lower(const char *in, size_t n, const char *want, size_t wn) {
    pl_arena a;
    pl_arena_init(&a);
    size_t got_n;
    char *got = pl_go_to_lower_str(&a, in, n, &got_n);
    assert_int_equal(got_n, wn);
    assert_memory_equal(got, want, wn);
    pl_arena_free(&a);
}

static void strings_to_lower_is_go_s(void **state) {
    lower("woRkd\xC4\xB0r", 8, "workdir", 7);               /* U+0130 -> i */
    lower("HEALTHCHEC\xE2\x84\xAA", 13, "healthcheck", 11); /* KELVIN SIGN -> k */
    lower("\xC3\x85", 2, "\xC3\xA5", 2);                    /* Å -> å */
    lower("\xFF", 1, "\xEF\xBF\xBD", 3);                    /* invalid -> U+FFFD */
    lower("RUN\0X", 5, "run\0x", 5);                        /* NUL is a byte */
    lower("\xC8\xBA", 2, "\xE2\xB1\xA5", 3);                /* U+023A grows */
}

static void space_trims_use_go_white_space(void **state) {
    assert_int_equal(pl_go_space_prefix("\v\xC2\x85\xC2\xA0\xE3\x80\x80x", 9), 8);
    assert_int_equal(pl_go_space_prefix("\x85x", 2), 0); /* a raw 0x85 byte is invalid */
    assert_int_equal(pl_go_space_prefix("\x1Cx", 2), 0); /* FS is not white space in Go */
    assert_int_equal(pl_go_space_trim_right("x\xE2\x80\xA8 ", 5), 1);
    assert_int_equal(pl_go_space_trim_right("x\xA0", 2), 2);
}

static void quote(const char *in, size_t n, const char *want) {
    pl_buf b;
    pl_buf_init(&b);
    pl_go_quote(&b, in, n);
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.data, want, b.len);
    pl_buf_free(&b);
}

static void quote_is_strconv_quote(void **state) {
    quote("a\0b", 3, "\"a\\x00b\"");
    quote("\xFF", 1, "\"\\xff\"");
    quote("\xCD\xB8", 2, "\"\\u0378\"");                  /* unassigned */
    quote("\xF3\xA0\x80\x81", 4, "\"\\U000e0001\"");      /* a format character */
    quote("\xF0\x9F\x98\x80", 4, "\"\xF0\x9F\x98\x80\""); /* printable emoji */
    quote("\xF4\x8F\xBF\xBF", 4, "\"\\U0010ffff\"");
    quote("\"\\\a\x7F", 4, "\"\\\"\\\\\\a\\x7f\"");
}

static void float_range_is_parse_float_s(void **state) {
    assert_false(pl_go_float_in_range("1e999", 5));
    assert_false(pl_go_float_in_range("-1e999", 6));
    assert_false(pl_go_float_in_range("1.7976931348623159e308", 22));
    assert_true(pl_go_float_in_range("1.7976931348623157e308", 22));
    assert_true(pl_go_float_in_range("1e-999", 6)); /* underflow is no error */
    assert_true(pl_go_float_in_range("0e99999999999", 13));
    assert_true(pl_go_float_in_range("12", 2));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(to_lower_matches_simple_case_mapping),
        cmocka_unit_test(is_space_matches_white_space),
        cmocka_unit_test(letter_digit_print_match_categories),
        cmocka_unit_test(decode_matches_go_on_all_short_sequences),
        cmocka_unit_test(strings_to_lower_is_go_s),
        cmocka_unit_test(space_trims_use_go_white_space),
        cmocka_unit_test(quote_is_strconv_quote),
        cmocka_unit_test(float_range_is_parse_float_s),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
