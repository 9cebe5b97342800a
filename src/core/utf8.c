/* utf8.c — telling valid UTF-8 from stray bytes, and the one way plimsoll shows a stray byte.
 *
 * Inputs, paths and policy messages are bytes; JSON and terminals want UTF-8. Every writer
 * (the JSON report, `inspect`, the lockfile, the text report) asks this file which bytes
 * form valid sequences and writes each byte that does not as the four characters `\xNN`,
 * so the same input shows the same text in every output, distinct bytes stay distinct and
 * the original byte can be read back. */
#include <stdio.h>

#include "plimsoll/core.h"

size_t pl_utf8_len(const char *str, size_t left, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    if (left == 0)
        return 0;
    unsigned char c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        if (cp)
            *cp = c;
        return 1;
    } else if ((c & 0xe0) == 0xc0) {
        n = 2, v = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3, v = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    /* overlong forms, surrogates and code points past U+10FFFF are not UTF-8 */
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    if (cp)
        *cp = v;
    return n;
}

bool pl_utf8_valid(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k = pl_utf8_len(s + i, n - i, NULL);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

void pl_utf8_escape_invalid(pl_buf *b, const char *s, size_t n) {
    size_t run = 0, i = 0;
    while (i < n) {
        size_t k = pl_utf8_len(s + i, n - i, NULL);
        if (k) {
            i += k;
            continue;
        }
        pl_buf_append(b, s + run, i - run);
        char esc[5];
        snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[i]);
        pl_buf_append(b, esc, 4);
        run = ++i;
    }
    pl_buf_append(b, s + run, i - run);
}
