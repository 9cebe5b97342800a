/* gostr.c — Go's string and rune operations, byte for byte, for the parser and lexer.
 *
 * BuildKit is written in Go, so wherever it lowercases a word, skips white space,
 * decodes UTF-8 or quotes a string, the answer depends on Go's own rules and Unicode
 * tables rather than on C's locale functions. This file is the one place that knows
 * those rules; the Unicode properties come from utf8proc, whose Unicode version matches
 * the tables Go is built with (checked for every code point by test_gostr.c). */
#include "gostr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int32_t pl_go_decode_rune(const char *s, size_t len, size_t *width) {
    const unsigned char *p = (const unsigned char *)s;
    *width = 1;
    if (p[0] < 0x80)
        return p[0];
    int need;
    int32_t c;
    if ((p[0] & 0xE0) == 0xC0)
        need = 1, c = p[0] & 0x1F;
    else if ((p[0] & 0xF0) == 0xE0)
        need = 2, c = p[0] & 0x0F;
    else if ((p[0] & 0xF8) == 0xF0)
        need = 3, c = p[0] & 0x07;
    else
        return PL_GO_RUNE_ERROR;
    if ((size_t)need >= len)
        return PL_GO_RUNE_ERROR;
    for (int i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return PL_GO_RUNE_ERROR;
        c = (c << 6) | (p[i] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are invalid, as in Go */
    static const int32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (c < min[need] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return PL_GO_RUNE_ERROR;
    *width = (size_t)need + 1;
    return c;
}

bool pl_go_invalid_at(const char *s, size_t len) {
    size_t w;
    return pl_go_decode_rune(s, len, &w) == PL_GO_RUNE_ERROR && w == 1;
}

static utf8proc_category_t category(int32_t r) {
    if (r < 0 || r > 0x10FFFF)
        return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(r);
}

bool pl_go_is_space(int32_t r) {
    if (r <= 0xFF) /* Go's Latin-1 fast path: exactly these eight */
        return r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == ' ' ||
               r == 0x85 || r == 0xA0;
    /* White_Space outside Latin-1 is exactly the separators Zs, Zl and Zp */
    utf8proc_category_t c = category(r);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

bool pl_go_is_letter(int32_t r) {
    utf8proc_category_t c = category(r);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool pl_go_is_digit(int32_t r) {
    if (r < 0x80)
        return r >= '0' && r <= '9';
    return category(r) == UTF8PROC_CATEGORY_ND;
}

bool pl_go_is_print(int32_t r) {
    if (r == ' ')
        return true;
    utf8proc_category_t c = category(r);
    /* L*, M*, N*, P*, S* are contiguous in utf8proc's enumeration, Z* and C* after */
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_SO;
}

int32_t pl_go_to_lower(int32_t r) {
    if (r < 0x80)
        return (r >= 'A' && r <= 'Z') ? r + 32 : r;
    if (r > 0x10FFFF)
        return r;
    return utf8proc_tolower(r);
}

char *pl_go_to_lower_str(pl_arena *a, const char *s, size_t len, size_t *out_len) {
    pl_sbuf b = {0};
    for (size_t i = 0; i < len;) {
        size_t w;
        int32_t r = pl_go_decode_rune(s + i, len - i, &w);
        if (r < 0x80) {
            char c = (char)pl_go_to_lower(r);
            pl_sbuf_add(a, &b, &c, 1);
        } else {
            pl_sbuf_rune(a, &b, pl_go_to_lower(r));
        }
        i += w;
    }
    *out_len = b.len;
    return (char *)pl_sbuf_str(a, &b);
}

size_t pl_go_space_prefix(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        size_t w;
        int32_t r = pl_go_decode_rune(s + i, len - i, &w);
        if (!pl_go_is_space(r))
            break;
        i += w;
    }
    return i;
}

size_t pl_go_space_trim_right(const char *s, size_t len) {
    while (len > 0) {
        /* utf8.DecodeLastRune: back up over at most three continuation bytes */
        size_t k = len - 1;
        while (k > 0 && len - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t w;
        int32_t r = pl_go_decode_rune(s + k, len - k, &w);
        if (w != len - k) /* not one rune ending here: the last byte alone is invalid */
            break;
        if (!pl_go_is_space(r))
            break;
        len = k;
    }
    return len;
}

void pl_go_quote(pl_buf *b, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    pl_buf_append(b, "\"", 1);
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t c = pl_go_decode_rune(s + i, len - i, &n);
        if (c == PL_GO_RUNE_ERROR && n == 1) {
            unsigned char x = (unsigned char)s[i];
            char e[4] = {'\\', 'x', hex[x >> 4], hex[x & 15]};
            pl_buf_append(b, e, 4);
            i++;
            continue;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            pl_buf_append(b, e, 2);
        } else if (pl_go_is_print(c)) {
            pl_buf_append(b, s + i, n);
        } else {
            const char *simple = NULL;
            switch (c) {
            case '\a': simple = "\\a"; break;
            case '\b': simple = "\\b"; break;
            case '\f': simple = "\\f"; break;
            case '\n': simple = "\\n"; break;
            case '\r': simple = "\\r"; break;
            case '\t': simple = "\\t"; break;
            case '\v': simple = "\\v"; break;
            }
            if (simple)
                pl_buf_puts(b, simple);
            else if (c < ' ' || c == 0x7F)
                pl_buf_printf(b, "\\x%02x", (unsigned)c);
            else if (c < 0x10000)
                pl_buf_printf(b, "\\u%04x", (unsigned)c);
            else
                pl_buf_printf(b, "\\U%08x", (unsigned)c);
        }
        i += n;
    }
    pl_buf_append(b, "\"", 1);
}

bool pl_go_float_in_range(const char *s, size_t len) {
    /* strtod rounds correctly (glibc), so it overflows to an infinity exactly where Go's
     * ParseFloat reports ErrRange; an underflow to zero is no error in Go. */
    char small[64];
    char *t = len < sizeof small ? small : malloc(len + 1);
    if (!t)
        return true;
    memcpy(t, s, len);
    t[len] = '\0';
    double v = strtod(t, NULL);
    if (t != small)
        free(t);
    return !isinf(v);
}
