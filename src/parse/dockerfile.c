/* dockerfile.c — Dockerfile text to instructions, as BuildKit's parser reads it.
 *
 * Lines, parser directives, continuations, heredocs and the per-instruction argument
 * splitting follow frontend/dockerfile/parser (see shared/reference/buildkit-parser.md
 * §1-7, §11), quirks included, so the AST dump matches BuildKit's byte for byte. Quote
 * removal and variable expansion are left to the analysis pass; this file only keeps
 * the text as written, with the physical line every piece came from. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "plimsoll/dockerfile.h"

#define DF_MAX_LINE 65535
#define JSON_MAX_DEPTH 10000

/* ---- runes and Go's unicode predicates --------------------------------------- */

/* Decodes one UTF-8 rune at s[0..left); *n = 0 marks an invalid byte (width 1). */
static int32_t utf8_decode(const unsigned char *p, size_t left, size_t *n) {
    *n = 1;
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
        goto bad;
    if ((size_t)need >= left)
        goto bad;
    for (int i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            goto bad;
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const int32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (c < min[need] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        goto bad;
    *n = (size_t)need + 1;
    return c;
bad:
    *n = 0;
    return 0xFFFD;
}

/* Go unicode.IsSpace. */
static bool is_space_rune(int32_t c) {
    switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000:
        return true;
    }
    return c >= 0x2000 && c <= 0x200A;
}

/* The regexp class [\t\v\f\r ] that BuildKit splits words on. */
static bool is_ws_class(char c) {
    return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' ';
}

/* Length of the leading unicode.IsSpace run. */
static size_t space_prefix(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        size_t n;
        int32_t c = utf8_decode((const unsigned char *)s + i, len - i, &n);
        if (n == 0 || !is_space_rune(c))
            break;
        i += n;
    }
    return i;
}

/* Length of s once the trailing unicode.IsSpace run is removed. */
static size_t space_trim_right(const char *s, size_t len) {
    while (len > 0) {
        size_t k = len - 1; /* back up to the start of the last rune */
        while (k > 0 && len - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t n;
        int32_t c = utf8_decode((const unsigned char *)s + k, len - k, &n);
        if (n != len - k || !is_space_rune(c))
            break;
        len = k;
    }
    return len;
}

/* Code points Go's unicode.IsPrint rejects in the BMP (categories C* and Z* except
 * U+0020, unassigned included), as sorted inclusive ranges. Derived from the Unicode
 * Character Database general categories. */
static const uint16_t bmp_nonprint[][2] = {
    {0x0000, 0x001F}, {0x007F, 0x00A0}, {0x00AD, 0x00AD}, {0x0378, 0x0379}, {0x0380, 0x0383},
    {0x038B, 0x038B}, {0x038D, 0x038D}, {0x03A2, 0x03A2}, {0x0530, 0x0530}, {0x0557, 0x0558},
    {0x058B, 0x058C}, {0x0590, 0x0590}, {0x05C8, 0x05CF}, {0x05EB, 0x05EE}, {0x05F5, 0x0605},
    {0x061C, 0x061C}, {0x06DD, 0x06DD}, {0x070E, 0x070F}, {0x074B, 0x074C}, {0x07B2, 0x07BF},
    {0x07FB, 0x07FC}, {0x082E, 0x082F}, {0x083F, 0x083F}, {0x085C, 0x085D}, {0x085F, 0x085F},
    {0x086B, 0x086F}, {0x088F, 0x0897}, {0x08E2, 0x08E2}, {0x0984, 0x0984}, {0x098D, 0x098E},
    {0x0991, 0x0992}, {0x09A9, 0x09A9}, {0x09B1, 0x09B1}, {0x09B3, 0x09B5}, {0x09BA, 0x09BB},
    {0x09C5, 0x09C6}, {0x09C9, 0x09CA}, {0x09CF, 0x09D6}, {0x09D8, 0x09DB}, {0x09DE, 0x09DE},
    {0x09E4, 0x09E5}, {0x09FF, 0x0A00}, {0x0A04, 0x0A04}, {0x0A0B, 0x0A0E}, {0x0A11, 0x0A12},
    {0x0A29, 0x0A29}, {0x0A31, 0x0A31}, {0x0A34, 0x0A34}, {0x0A37, 0x0A37}, {0x0A3A, 0x0A3B},
    {0x0A3D, 0x0A3D}, {0x0A43, 0x0A46}, {0x0A49, 0x0A4A}, {0x0A4E, 0x0A50}, {0x0A52, 0x0A58},
    {0x0A5D, 0x0A5D}, {0x0A5F, 0x0A65}, {0x0A77, 0x0A80}, {0x0A84, 0x0A84}, {0x0A8E, 0x0A8E},
    {0x0A92, 0x0A92}, {0x0AA9, 0x0AA9}, {0x0AB1, 0x0AB1}, {0x0AB4, 0x0AB4}, {0x0ABA, 0x0ABB},
    {0x0AC6, 0x0AC6}, {0x0ACA, 0x0ACA}, {0x0ACE, 0x0ACF}, {0x0AD1, 0x0ADF}, {0x0AE4, 0x0AE5},
    {0x0AF2, 0x0AF8}, {0x0B00, 0x0B00}, {0x0B04, 0x0B04}, {0x0B0D, 0x0B0E}, {0x0B11, 0x0B12},
    {0x0B29, 0x0B29}, {0x0B31, 0x0B31}, {0x0B34, 0x0B34}, {0x0B3A, 0x0B3B}, {0x0B45, 0x0B46},
    {0x0B49, 0x0B4A}, {0x0B4E, 0x0B54}, {0x0B58, 0x0B5B}, {0x0B5E, 0x0B5E}, {0x0B64, 0x0B65},
    {0x0B78, 0x0B81}, {0x0B84, 0x0B84}, {0x0B8B, 0x0B8D}, {0x0B91, 0x0B91}, {0x0B96, 0x0B98},
    {0x0B9B, 0x0B9B}, {0x0B9D, 0x0B9D}, {0x0BA0, 0x0BA2}, {0x0BA5, 0x0BA7}, {0x0BAB, 0x0BAD},
    {0x0BBA, 0x0BBD}, {0x0BC3, 0x0BC5}, {0x0BC9, 0x0BC9}, {0x0BCE, 0x0BCF}, {0x0BD1, 0x0BD6},
    {0x0BD8, 0x0BE5}, {0x0BFB, 0x0BFF}, {0x0C0D, 0x0C0D}, {0x0C11, 0x0C11}, {0x0C29, 0x0C29},
    {0x0C3A, 0x0C3B}, {0x0C45, 0x0C45}, {0x0C49, 0x0C49}, {0x0C4E, 0x0C54}, {0x0C57, 0x0C57},
    {0x0C5B, 0x0C5C}, {0x0C5E, 0x0C5F}, {0x0C64, 0x0C65}, {0x0C70, 0x0C76}, {0x0C8D, 0x0C8D},
    {0x0C91, 0x0C91}, {0x0CA9, 0x0CA9}, {0x0CB4, 0x0CB4}, {0x0CBA, 0x0CBB}, {0x0CC5, 0x0CC5},
    {0x0CC9, 0x0CC9}, {0x0CCE, 0x0CD4}, {0x0CD7, 0x0CDC}, {0x0CDF, 0x0CDF}, {0x0CE4, 0x0CE5},
    {0x0CF0, 0x0CF0}, {0x0CF3, 0x0CFF}, {0x0D0D, 0x0D0D}, {0x0D11, 0x0D11}, {0x0D45, 0x0D45},
    {0x0D49, 0x0D49}, {0x0D50, 0x0D53}, {0x0D64, 0x0D65}, {0x0D80, 0x0D80}, {0x0D84, 0x0D84},
    {0x0D97, 0x0D99}, {0x0DB2, 0x0DB2}, {0x0DBC, 0x0DBC}, {0x0DBE, 0x0DBF}, {0x0DC7, 0x0DC9},
    {0x0DCB, 0x0DCE}, {0x0DD5, 0x0DD5}, {0x0DD7, 0x0DD7}, {0x0DE0, 0x0DE5}, {0x0DF0, 0x0DF1},
    {0x0DF5, 0x0E00}, {0x0E3B, 0x0E3E}, {0x0E5C, 0x0E80}, {0x0E83, 0x0E83}, {0x0E85, 0x0E85},
    {0x0E8B, 0x0E8B}, {0x0EA4, 0x0EA4}, {0x0EA6, 0x0EA6}, {0x0EBE, 0x0EBF}, {0x0EC5, 0x0EC5},
    {0x0EC7, 0x0EC7}, {0x0ECE, 0x0ECF}, {0x0EDA, 0x0EDB}, {0x0EE0, 0x0EFF}, {0x0F48, 0x0F48},
    {0x0F6D, 0x0F70}, {0x0F98, 0x0F98}, {0x0FBD, 0x0FBD}, {0x0FCD, 0x0FCD}, {0x0FDB, 0x0FFF},
    {0x10C6, 0x10C6}, {0x10C8, 0x10CC}, {0x10CE, 0x10CF}, {0x1249, 0x1249}, {0x124E, 0x124F},
    {0x1257, 0x1257}, {0x1259, 0x1259}, {0x125E, 0x125F}, {0x1289, 0x1289}, {0x128E, 0x128F},
    {0x12B1, 0x12B1}, {0x12B6, 0x12B7}, {0x12BF, 0x12BF}, {0x12C1, 0x12C1}, {0x12C6, 0x12C7},
    {0x12D7, 0x12D7}, {0x1311, 0x1311}, {0x1316, 0x1317}, {0x135B, 0x135C}, {0x137D, 0x137F},
    {0x139A, 0x139F}, {0x13F6, 0x13F7}, {0x13FE, 0x13FF}, {0x1680, 0x1680}, {0x169D, 0x169F},
    {0x16F9, 0x16FF}, {0x1716, 0x171E}, {0x1737, 0x173F}, {0x1754, 0x175F}, {0x176D, 0x176D},
    {0x1771, 0x1771}, {0x1774, 0x177F}, {0x17DE, 0x17DF}, {0x17EA, 0x17EF}, {0x17FA, 0x17FF},
    {0x180E, 0x180E}, {0x181A, 0x181F}, {0x1879, 0x187F}, {0x18AB, 0x18AF}, {0x18F6, 0x18FF},
    {0x191F, 0x191F}, {0x192C, 0x192F}, {0x193C, 0x193F}, {0x1941, 0x1943}, {0x196E, 0x196F},
    {0x1975, 0x197F}, {0x19AC, 0x19AF}, {0x19CA, 0x19CF}, {0x19DB, 0x19DD}, {0x1A1C, 0x1A1D},
    {0x1A5F, 0x1A5F}, {0x1A7D, 0x1A7E}, {0x1A8A, 0x1A8F}, {0x1A9A, 0x1A9F}, {0x1AAE, 0x1AAF},
    {0x1ACF, 0x1AFF}, {0x1B4D, 0x1B4F}, {0x1B7F, 0x1B7F}, {0x1BF4, 0x1BFB}, {0x1C38, 0x1C3A},
    {0x1C4A, 0x1C4C}, {0x1C89, 0x1C8F}, {0x1CBB, 0x1CBC}, {0x1CC8, 0x1CCF}, {0x1CFB, 0x1CFF},
    {0x1F16, 0x1F17}, {0x1F1E, 0x1F1F}, {0x1F46, 0x1F47}, {0x1F4E, 0x1F4F}, {0x1F58, 0x1F58},
    {0x1F5A, 0x1F5A}, {0x1F5C, 0x1F5C}, {0x1F5E, 0x1F5E}, {0x1F7E, 0x1F7F}, {0x1FB5, 0x1FB5},
    {0x1FC5, 0x1FC5}, {0x1FD4, 0x1FD5}, {0x1FDC, 0x1FDC}, {0x1FF0, 0x1FF1}, {0x1FF5, 0x1FF5},
    {0x1FFF, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x206F}, {0x2072, 0x2073}, {0x208F, 0x208F},
    {0x209D, 0x209F}, {0x20C1, 0x20CF}, {0x20F1, 0x20FF}, {0x218C, 0x218F}, {0x2427, 0x243F},
    {0x244B, 0x245F}, {0x2B74, 0x2B75}, {0x2B96, 0x2B96}, {0x2CF4, 0x2CF8}, {0x2D26, 0x2D26},
    {0x2D28, 0x2D2C}, {0x2D2E, 0x2D2F}, {0x2D68, 0x2D6E}, {0x2D71, 0x2D7E}, {0x2D97, 0x2D9F},
    {0x2DA7, 0x2DA7}, {0x2DAF, 0x2DAF}, {0x2DB7, 0x2DB7}, {0x2DBF, 0x2DBF}, {0x2DC7, 0x2DC7},
    {0x2DCF, 0x2DCF}, {0x2DD7, 0x2DD7}, {0x2DDF, 0x2DDF}, {0x2E5E, 0x2E7F}, {0x2E9A, 0x2E9A},
    {0x2EF4, 0x2EFF}, {0x2FD6, 0x2FEF}, {0x2FFC, 0x3000}, {0x3040, 0x3040}, {0x3097, 0x3098},
    {0x3100, 0x3104}, {0x3130, 0x3130}, {0x318F, 0x318F}, {0x31E4, 0x31EF}, {0x321F, 0x321F},
    {0xA48D, 0xA48F}, {0xA4C7, 0xA4CF}, {0xA62C, 0xA63F}, {0xA6F8, 0xA6FF}, {0xA7CB, 0xA7CF},
    {0xA7D2, 0xA7D2}, {0xA7D4, 0xA7D4}, {0xA7DA, 0xA7F1}, {0xA82D, 0xA82F}, {0xA83A, 0xA83F},
    {0xA878, 0xA87F}, {0xA8C6, 0xA8CD}, {0xA8DA, 0xA8DF}, {0xA954, 0xA95E}, {0xA97D, 0xA97F},
    {0xA9CE, 0xA9CE}, {0xA9DA, 0xA9DD}, {0xA9FF, 0xA9FF}, {0xAA37, 0xAA3F}, {0xAA4E, 0xAA4F},
    {0xAA5A, 0xAA5B}, {0xAAC3, 0xAADA}, {0xAAF7, 0xAB00}, {0xAB07, 0xAB08}, {0xAB0F, 0xAB10},
    {0xAB17, 0xAB1F}, {0xAB27, 0xAB27}, {0xAB2F, 0xAB2F}, {0xAB6C, 0xAB6F}, {0xABEE, 0xABEF},
    {0xABFA, 0xABFF}, {0xD7A4, 0xD7AF}, {0xD7C7, 0xD7CA}, {0xD7FC, 0xF8FF}, {0xFA6E, 0xFA6F},
    {0xFADA, 0xFAFF}, {0xFB07, 0xFB12}, {0xFB18, 0xFB1C}, {0xFB37, 0xFB37}, {0xFB3D, 0xFB3D},
    {0xFB3F, 0xFB3F}, {0xFB42, 0xFB42}, {0xFB45, 0xFB45}, {0xFBC3, 0xFBD2}, {0xFD90, 0xFD91},
    {0xFDC8, 0xFDCE}, {0xFDD0, 0xFDEF}, {0xFE1A, 0xFE1F}, {0xFE53, 0xFE53}, {0xFE67, 0xFE67},
    {0xFE6C, 0xFE6F}, {0xFE75, 0xFE75}, {0xFEFD, 0xFF00}, {0xFFBF, 0xFFC1}, {0xFFC8, 0xFFC9},
    {0xFFD0, 0xFFD1}, {0xFFD8, 0xFFD9}, {0xFFDD, 0xFFDF}, {0xFFE7, 0xFFE7}, {0xFFEF, 0xFFFB},
    {0xFFFE, 0xFFFF},
};

/* Go unicode.IsPrint. Astral planes: only the large unassigned, private-use and tag
 * areas are listed, which is what Dockerfiles can plausibly contain. */
static bool is_print_rune(int32_t c) {
    if (c < 0x10000) {
        size_t lo = 0, hi = sizeof bmp_nonprint / sizeof bmp_nonprint[0];
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c < bmp_nonprint[mid][0])
                hi = mid;
            else if (c > bmp_nonprint[mid][1])
                lo = mid + 1;
            else
                return false;
        }
        return true;
    }
    if ((c & 0xFFFE) == 0xFFFE)
        return false; /* noncharacters */
    if ((c >= 0x13430 && c <= 0x1343F) || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
        (c >= 0x1D173 && c <= 0x1D17A) || c == 0x110BD || c == 0x110CD)
        return false; /* format characters */
    if (c >= 0x323B0 && c <= 0xE00FF)
        return false;
    if (c >= 0xE0100 && c <= 0xE01EF)
        return true; /* variation selectors (Mn) */
    return c < 0xE01F0;
}

/* ---- Go strconv.Quote -------------------------------------------------------- */

static void go_quote(pl_buf *b, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    pl_buf_append(b, "\"", 1);
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t c = utf8_decode((const unsigned char *)s + i, len - i, &n);
        if (n == 0) {
            unsigned char x = (unsigned char)s[i];
            char e[4] = {'\\', 'x', hex[x >> 4], hex[x & 15]};
            pl_buf_append(b, e, 4);
            i++;
            continue;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            pl_buf_append(b, e, 2);
        } else if (c == ' ' || (c > ' ' && c < 0x7F) || (c >= 0x80 && is_print_rune(c))) {
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

/* ---- JSON string arrays (parseJSON) ------------------------------------------ */

typedef struct json {
    pl_arena *a;
    const char *s;
    size_t len, pos;
    int depth;
    bool non_string;      /* a top-level element was not a string */
    pl_vec *out;          /* const char * */
    pl_vec *lens;         /* size_t */
} json;

static void js_ws(json *j) {
    while (j->pos < j->len && (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' ||
                               j->s[j->pos] == '\n' || j->s[j->pos] == '\r'))
        j->pos++;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int32_t js_u4(json *j, size_t at) {
    if (at + 4 > j->len)
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(j->s[at + (size_t)i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* A string at j->pos; decoded into dst when dst is not NULL (Go's rules: invalid UTF-8
 * and lone surrogates become U+FFFD). */
static bool js_string(json *j, pl_sbuf *dst) {
    j->pos++; /* '"' */
    while (j->pos < j->len) {
        unsigned char c = (unsigned char)j->s[j->pos];
        if (c == '"') {
            j->pos++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (j->pos + 1 >= j->len)
                return false;
            char e = j->s[j->pos + 1];
            const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
            const char *m = NULL;
            for (const char *p = map; *p; p += 2)
                if (*p == e)
                    m = p + 1;
            if (m) {
                if (dst)
                    pl_sbuf_add(j->a, dst, m, 1);
                j->pos += 2;
                continue;
            }
            if (e != 'u')
                return false;
            int32_t u = js_u4(j, j->pos + 2);
            if (u < 0)
                return false;
            j->pos += 6;
            if (u >= 0xD800 && u < 0xDC00 && j->pos + 1 < j->len && j->s[j->pos] == '\\' &&
                j->s[j->pos + 1] == 'u') {
                int32_t lo = js_u4(j, j->pos + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    j->pos += 6;
                }
            }
            if (u >= 0xD800 && u < 0xE000)
                u = 0xFFFD;
            if (dst)
                pl_sbuf_rune(j->a, dst, u);
            continue;
        }
        size_t n;
        int32_t r = utf8_decode((const unsigned char *)j->s + j->pos, j->len - j->pos, &n);
        if (dst) {
            if (n == 0)
                pl_sbuf_rune(j->a, dst, 0xFFFD);
            else
                pl_sbuf_add(j->a, dst, j->s + j->pos, n);
        }
        (void)r;
        j->pos += n ? n : 1;
    }
    return false;
}

static bool js_digits(json *j) {
    size_t p = j->pos;
    while (j->pos < j->len && j->s[j->pos] >= '0' && j->s[j->pos] <= '9')
        j->pos++;
    return j->pos > p;
}

static bool js_value(json *j, bool top);

static bool js_array(json *j, bool top) {
    j->pos++; /* '[' */
    js_ws(j);
    if (j->pos < j->len && j->s[j->pos] == ']') {
        j->pos++;
        return true;
    }
    for (;;) {
        js_ws(j);
        if (top && j->pos < j->len && j->s[j->pos] == '"') {
            pl_sbuf v = {0};
            if (!js_string(j, &v))
                return false;
            *PL_VEC_PUSH(j->a, j->out, const char *) = pl_sbuf_str(j->a, &v);
            *PL_VEC_PUSH(j->a, j->lens, size_t) = v.len;
        } else {
            if (top)
                j->non_string = true;
            if (!js_value(j, false))
                return false;
        }
        js_ws(j);
        if (j->pos >= j->len)
            return false;
        if (j->s[j->pos] == ']') {
            j->pos++;
            return true;
        }
        if (j->s[j->pos] != ',')
            return false;
        j->pos++;
    }
}

static bool js_value(json *j, bool top) {
    js_ws(j);
    if (j->pos >= j->len)
        return false;
    char c = j->s[j->pos];
    if (c == '[' || c == '{') {
        if (++j->depth > JSON_MAX_DEPTH)
            return false;
        bool ok;
        if (c == '[') {
            ok = js_array(j, top);
        } else {
            j->pos++;
            js_ws(j);
            ok = true;
            if (j->pos < j->len && j->s[j->pos] == '}') {
                j->pos++;
            } else {
                for (;;) {
                    js_ws(j);
                    if (j->pos >= j->len || j->s[j->pos] != '"' || !js_string(j, NULL)) {
                        ok = false;
                        break;
                    }
                    js_ws(j);
                    if (j->pos >= j->len || j->s[j->pos] != ':') {
                        ok = false;
                        break;
                    }
                    j->pos++;
                    if (!js_value(j, false)) {
                        ok = false;
                        break;
                    }
                    js_ws(j);
                    if (j->pos < j->len && j->s[j->pos] == ',') {
                        j->pos++;
                        continue;
                    }
                    if (j->pos < j->len && j->s[j->pos] == '}') {
                        j->pos++;
                        break;
                    }
                    ok = false;
                    break;
                }
            }
        }
        j->depth--;
        return ok;
    }
    if (c == '"')
        return js_string(j, NULL);
    static const char *const lits[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(lits[i]);
        if (j->len - j->pos >= n && memcmp(j->s + j->pos, lits[i], n) == 0) {
            j->pos += n;
            return true;
        }
    }
    if (c == '-')
        j->pos++;
    if (j->pos < j->len && j->s[j->pos] == '0')
        j->pos++;
    else if (!js_digits(j))
        return false;
    if (j->pos < j->len && j->s[j->pos] == '.') {
        j->pos++;
        if (!js_digits(j))
            return false;
    }
    if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
        j->pos++;
        if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
            j->pos++;
        if (!js_digits(j))
            return false;
    }
    return true;
}

enum { JSON_OK, JSON_NOT, JSON_NON_STRING };

/* parseJSON: JSON_OK with the strings, JSON_NOT (shell form), or JSON_NON_STRING. */
static int parse_json(pl_arena *a, const char *s, size_t len, pl_vec *out, pl_vec *lens) {
    size_t k = space_prefix(s, len);
    if (k >= len || s[k] != '[')
        return JSON_NOT;
    pl_vec tmp = {0}, tmplens = {0};
    json j = {a, s, len, k, 0, false, &tmp, &tmplens};
    if (!js_value(&j, true))
        return JSON_NOT;
    js_ws(&j);
    if (j.pos != len)
        return JSON_NOT;
    if (j.non_string)
        return JSON_NON_STRING;
    for (size_t i = 0; i < tmp.len; i++) {
        *PL_VEC_PUSH(a, out, const char *) = PL_VEC_AT(tmp, const char *, i);
        *PL_VEC_PUSH(a, lens, size_t) = PL_VEC_AT(tmplens, size_t, i);
    }
    return JSON_OK;
}

/* ---- the parser state ---------------------------------------------------------- */

typedef struct pline {
    size_t off, len; /* raw bytes, '\n' included */
} pline;

typedef struct parser {
    pl_arena *a;
    const char *path;
    const char *text;
    pline *lines;
    size_t nlines;
    char esc;
    bool dir_done;
    pl_vec directives; /* pl_df_directive */
    pl_vec comments;   /* pl_df_comment */
    pl_vec warnings;   /* pl_df_warning */
    char msg[512];
} parser;

static void trim_newline(const char **s, size_t *n) {
    (void)s;
    while (*n > 0 && ((*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

static bool re_space(char c) { /* RE2 \s */
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

/* DirectiveParser.ParseLine on a processed line; -1 on a directive error. */
static int directive_line(parser *P, const char *s, size_t n, int line, bool *is_dir) {
    *is_dir = false;
    if (P->dir_done)
        return 0;
    size_t i = 0;
    if (n == 0 || s[0] != '#')
        goto done;
    i = 1;
    while (i < n && re_space(s[i]))
        i++;
    size_t ns = i;
    if (i >= n || !ascii_alpha(s[i]))
        goto done;
    while (i < n && (ascii_alpha(s[i]) || ascii_digit(s[i])))
        i++;
    size_t ne = i;
    while (i < n && re_space(s[i]))
        i++;
    if (i >= n || s[i] != '=')
        goto done;
    i++;
    size_t eq = i;
    while (i < n && re_space(s[i]))
        i++;
    size_t vs = i, ve = n;
    while (ve > vs && re_space(s[ve - 1]))
        ve--;
    if (ve == vs) {
        if (eq == n)
            goto done; /* (.+?) needs one character */
        vs = n - 1;    /* the regexp backtracks: the value is the last blank */
        ve = n;
    }
    char name[16];
    size_t nl = ne - ns;
    if (nl >= sizeof name)
        goto done;
    for (size_t k = 0; k < nl; k++) {
        char c = s[ns + k];
        name[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    name[nl] = '\0';
    if (strcmp(name, "syntax") != 0 && strcmp(name, "escape") != 0 && strcmp(name, "check") != 0)
        goto done;
    for (size_t k = 0; k < P->directives.len; k++) {
        if (strcmp(PL_VEC_AT(P->directives, pl_df_directive, k).name, name) == 0) {
            snprintf(P->msg, sizeof P->msg, "only one %s parser directive can be used", name);
            return -1;
        }
    }
    pl_df_directive *d = PL_VEC_PUSH(P->a, &P->directives, pl_df_directive);
    d->name = pl_arena_strdup(P->a, name);
    d->value = pl_arena_strndup(P->a, s + vs, ve - vs);
    d->line = line;
    *is_dir = true;
    if (strcmp(name, "escape") == 0) {
        if (strcmp(d->value, "`") != 0 && strcmp(d->value, "\\") != 0) {
            snprintf(P->msg, sizeof P->msg,
                     "invalid escape token '%.200s' does not match ` or \\", d->value);
            return -1;
        }
        P->esc = d->value[0];
    }
    return 0;
done:
    P->dir_done = true;
    return 0;
}

/* processLine: trimNewline, optional left trim, directive check, comment -> "". */
static int process_line(parser *P, size_t idx, bool strip_left, const char **out, size_t *outn,
                        bool *is_dir) {
    const char *s = P->text + P->lines[idx].off;
    size_t n = P->lines[idx].len;
    trim_newline(&s, &n);
    if (strip_left) {
        size_t k = space_prefix(s, n);
        s += k;
        n -= k;
    }
    if (directive_line(P, s, n, (int)idx + 1, is_dir) < 0)
        return -1;
    if (n > 0 && s[0] == '#')
        n = 0;
    *out = s;
    *outn = n;
    return 0;
}

/* isComment on a raw line; text and tn get the comment text after the #, trimmed. */
static bool comment_line(const parser *P, size_t idx, const char **text, size_t *tn) {
    const char *s = P->text + P->lines[idx].off;
    size_t n = P->lines[idx].len;
    trim_newline(&s, &n);
    size_t k = space_prefix(s, n);
    if (k >= n || s[k] != '#')
        return false;
    s += k + 1;
    n -= k + 1;
    size_t l = space_prefix(s, n);
    *text = s + l;
    *tn = space_trim_right(s + l, n - l);
    return true;
}

static void add_comment(parser *P, size_t idx) {
    const char *t;
    size_t tn;
    if (!comment_line(P, idx, &t, &tn))
        return;
    pl_df_comment *c = PL_VEC_PUSH(P->a, &P->comments, pl_df_comment);
    c->line = (int)idx + 1;
    c->text = pl_arena_strndup(P->a, t, tn);
}

/* trimContinuationCharacter: ([^E])E[ \t]*$ or ^E[ \t]*$ -> the captured char. */
static bool trim_continuation(const parser *P, const char *s, size_t *n) {
    size_t e = *n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (e == 0 || s[e - 1] != P->esc)
        return false;
    if (e >= 2 && s[e - 2] == P->esc)
        return false;
    *n = e - 1;
    return true;
}

/* ---- one instruction (newNodeFromLine) ---------------------------------------- */

typedef struct piece {
    size_t off;
    int line;
    int col; /* 1-based byte column where the piece starts on its physical line */
} piece;

static bool byte_space(unsigned char c) { /* unicode.IsSpace(rune(byte)) */
    return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' ||
           c == 0x85 || c == 0xA0;
}

/* Go's `word += string(rune(line[pos]))`: a byte above 0x7F becomes U+0080..U+00FF. */
static void sb_byte_rune(pl_arena *a, pl_sbuf *b, unsigned char c) { pl_sbuf_rune(a, b, c); }

static void add_flag(parser *P, pl_vec *flags, const pl_sbuf *w) {
    pl_df_flag *f = PL_VEC_PUSH(P->a, flags, pl_df_flag);
    const char *raw = w->d ? pl_arena_strndup(P->a, w->d, w->len) : pl_arena_strdup(P->a, "");
    f->raw = raw;
    const char *body = raw + (w->len >= 2 ? 2 : w->len);
    const char *eq = strchr(body, '=');
    if (eq) {
        f->name = pl_arena_strndup(P->a, body, (size_t)(eq - body));
        f->value = eq + 1;
    } else {
        f->name = body;
    }
}

/* extractBuilderFlags on s[0..n): returns the offset where the arguments start. */
static size_t extract_flags(parser *P, const char *s, size_t n, pl_vec *flags) {
    enum { SPACES, WORD, QUOTE } phase = SPACES;
    pl_sbuf w = {0};
    unsigned char quote = 0;
    bool blank_ok = false;
    for (size_t pos = 0; pos <= n; pos++) {
        unsigned char ch = pos < n ? (unsigned char)s[pos] : 0;
        if (phase == SPACES) {
            if (pos == n)
                break;
            if (byte_space(ch))
                continue;
            if (ch != '-' || pos + 1 == n || s[pos + 1] != '-')
                return pos;
            phase = WORD;
        }
        if (pos == n) {
            if (!(w.len == 2 && memcmp(w.d, "--", 2) == 0) && (blank_ok || w.len > 0))
                add_flag(P, flags, &w);
            break;
        }
        if (phase == WORD) {
            if (byte_space(ch)) {
                phase = SPACES;
                if (w.len == 2 && memcmp(w.d, "--", 2) == 0)
                    return pos;
                if (blank_ok || w.len > 0)
                    add_flag(P, flags, &w);
                w.len = 0;
                blank_ok = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blank_ok = true;
                phase = QUOTE;
                continue;
            }
            if (ch == (unsigned char)P->esc) {
                if (pos + 1 == n)
                    continue;
                ch = (unsigned char)s[++pos];
            }
            sb_byte_rune(P->a, &w, ch);
            continue;
        }
        /* QUOTE */
        if (ch == quote) {
            phase = WORD;
            continue;
        }
        if (ch == (unsigned char)P->esc) {
            if (pos + 1 == n) {
                phase = WORD;
                continue;
            }
            ch = (unsigned char)s[++pos];
        }
        sb_byte_rune(P->a, &w, ch);
    }
    return n;
}

/* parseWords: quotes and escapes kept; invalid UTF-8 becomes U+FFFD as in Go. */
static void parse_words(parser *P, const char *s, size_t n, pl_vec *out) {
    enum { SPACES, WORD, QUOTE } phase = SPACES;
    pl_sbuf w = {0};
    int32_t quote = 0, ch = 0;
    bool blank_ok = false;
    size_t width = 0;
    const int32_t esc = (unsigned char)P->esc;
#define DECODE(at)                                                                         \
    do {                                                                                   \
        ch = utf8_decode((const unsigned char *)s + (at), n - (at), &width);               \
        if (width == 0)                                                                    \
            width = 1;                                                                     \
    } while (0)
    for (size_t pos = 0; pos <= n; pos += width) {
        if (pos != n)
            DECODE(pos);
        if (phase == SPACES) {
            if (pos == n)
                break;
            if (is_space_rune(ch))
                continue;
            phase = WORD;
        }
        if (pos == n) {
            if (blank_ok || w.len > 0)
                *PL_VEC_PUSH(P->a, out, const char *) = pl_arena_strndup(P->a, w.d, w.len);
            break;
        }
        if (phase == WORD) {
            if (is_space_rune(ch)) {
                phase = SPACES;
                if (blank_ok || w.len > 0)
                    *PL_VEC_PUSH(P->a, out, const char *) = pl_arena_strndup(P->a, w.d, w.len);
                w.len = 0;
                blank_ok = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blank_ok = true;
                phase = QUOTE;
            }
            if (ch == esc) {
                if (pos + width == n)
                    continue;
                pl_sbuf_rune(P->a, &w, ch);
                pos += width;
                DECODE(pos);
            }
            pl_sbuf_rune(P->a, &w, ch);
            continue;
        }
        if (ch == quote)
            phase = WORD;
        if (ch == esc && quote != '\'') {
            if (pos + width == n) {
                phase = WORD;
                continue;
            }
            pos += width;
            pl_sbuf_rune(P->a, &w, ch);
            DECODE(pos);
        }
        pl_sbuf_rune(P->a, &w, ch);
    }
#undef DECODE
}

/* Splits on runs of [\t\v\f\r ]; empty text gives nothing. */
static void split_ws(parser *P, const char *s, size_t n, pl_vec *args, pl_vec *lens) {
    size_t i = 0;
    if (n == 0)
        return;
    for (;;) {
        size_t j = i;
        while (j < n && !is_ws_class(s[j]))
            j++;
        *PL_VEC_PUSH(P->a, args, const char *) = pl_arena_strndup(P->a, s + i, j - i);
        *PL_VEC_PUSH(P->a, lens, size_t) = j - i;
        if (j == n)
            return;
        while (j < n && is_ws_class(s[j]))
            j++;
        i = j;
    }
}

static void push_arg(parser *P, pl_vec *args, pl_vec *lens, const char *s, size_t n) {
    *PL_VEC_PUSH(P->a, args, const char *) = pl_arena_strndup(P->a, s, n);
    *PL_VEC_PUSH(P->a, lens, size_t) = n;
}

static int json_error(parser *P) {
    snprintf(P->msg, sizeof P->msg,
             "when using JSON array syntax, arrays must be comprised of strings only");
    return -1;
}

/* parseMaybeJSON (list = false) and parseMaybeJSONToList (list = true). */
static int maybe_json(parser *P, const char *s, size_t n, bool list, pl_vec *args, pl_vec *lens,
                      bool *is_json) {
    if (n == 0 && !list)
        return 0;
    int r = parse_json(P->a, s, n, args, lens);
    if (r == JSON_NON_STRING)
        return json_error(P);
    if (r == JSON_OK) {
        *is_json = true;
        return 0;
    }
    if (list)
        split_ws(P, s, n, args, lens);
    else
        push_arg(P, args, lens, s, n);
    return 0;
}

static char *lower_dup(pl_arena *a, const char *s, size_t n) {
    char *d = pl_arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 'A' && d[i] <= 'Z')
            d[i] = (char)(d[i] + 32);
    return d;
}

static void add_pair(parser *P, pl_vec *pairs, const char *key, size_t kn, const char *value,
                     size_t vn, const char *sep, bool has_value) {
    pl_df_pair *p = PL_VEC_PUSH(P->a, pairs, pl_df_pair);
    p->key = pl_arena_strndup(P->a, key, kn);
    p->value = has_value ? pl_arena_strndup(P->a, value, vn) : NULL;
    p->sep = sep;
}

/* parseNameVal for ENV and LABEL. */
static int name_val(parser *P, const char *s, size_t n, const char *kw, pl_vec *args,
                    pl_vec *lens, pl_vec *pairs) {
    pl_vec words = {0};
    parse_words(P, s, n, &words);
    if (words.len == 0)
        return 0;
    const char *w0 = PL_VEC_AT(words, const char *, 0);
    if (!strchr(w0, '=')) {
        size_t i = 0;
        while (i < n && !is_ws_class(s[i]))
            i++;
        if (i == n) {
            snprintf(P->msg, sizeof P->msg, "%s must have two arguments", kw);
            return -1;
        }
        size_t j = i;
        while (j < n && is_ws_class(s[j]))
            j++;
        push_arg(P, args, lens, s, i);
        push_arg(P, args, lens, s + j, n - j);
        push_arg(P, args, lens, "", 0);
        add_pair(P, pairs, s, i, s + j, n - j, "", true);
        return 0;
    }
    for (size_t k = 0; k < words.len; k++) {
        const char *w = PL_VEC_AT(words, const char *, k);
        const char *eq = strchr(w, '=');
        if (!eq) {
            pl_buf q;
            pl_buf_init(&q);
            go_quote(&q, w, strlen(w) > 200 ? 200 : strlen(w));
            snprintf(P->msg, sizeof P->msg,
                     "Syntax error - can't find = in %s. Must be of the form: name=value",
                     q.data);
            pl_buf_free(&q);
            return -1;
        }
        size_t kn = (size_t)(eq - w);
        push_arg(P, args, lens, w, kn);
        push_arg(P, args, lens, eq + 1, strlen(eq + 1));
        push_arg(P, args, lens, "=", 1);
        add_pair(P, pairs, w, kn, eq + 1, strlen(eq + 1), "=", true);
    }
    return 0;
}

/* Copies the part of the joined line's piece map that covers [off, off+n). */
static pl_line_map sub_map(parser *P, const pl_vec *pieces, size_t off, size_t n) {
    pl_line_map m = {0};
    size_t count = 0, first = 0;
    for (size_t i = 0; i < pieces->len; i++) {
        const piece *p = &PL_VEC_AT(*pieces, piece, i);
        if (p->off <= off)
            first = i;
        else if (p->off < off + n)
            count++;
    }
    if (pieces->len == 0)
        return m;
    size_t *offs = pl_arena_alloc(P->a, (count + 1) * sizeof *offs);
    int *lines = pl_arena_alloc(P->a, (count + 1) * sizeof *lines);
    int *cols = pl_arena_alloc(P->a, (count + 1) * sizeof *cols);
    const piece *f = &PL_VEC_AT(*pieces, piece, first);
    offs[0] = 0;
    lines[0] = f->line;
    cols[0] = f->col + (int)(off - f->off);
    size_t k = 1;
    for (size_t i = first + 1; i < pieces->len; i++) {
        const piece *p = &PL_VEC_AT(*pieces, piece, i);
        if (p->off > off && p->off < off + n) {
            offs[k] = p->off - off;
            lines[k] = p->line;
            cols[k] = p->col;
            k++;
        }
    }
    m.offsets = offs;
    m.lines = lines;
    m.columns = cols;
    m.n = k;
    return m;
}

/* newNodeFromLine on line[0..n), which sits at offset base in the joined text. */
static int build_node(parser *P, const char *line, size_t n, size_t base, const pl_vec *pieces,
                      pl_df_instruction *ins) {
    pl_arena *a = P->a;
    size_t t0 = space_prefix(line, n);
    size_t t1 = t0 + space_trim_right(line + t0, n - t0);
    size_t c = t0;
    while (c < t1 && !is_ws_class(line[c]))
        c++;
    ins->keyword = pl_arena_strndup(a, line + t0, c - t0);
    ins->cmd = lower_dup(a, line + t0, c - t0);
    pl_vec flags = {0}, args = {0}, lens = {0}, pairs = {0};
    size_t as = t1, ae = t1; /* the arguments text */
    if (c < t1) {
        size_t r = c;
        while (r < t1 && is_ws_class(line[r]))
            r++;
        size_t off = r + extract_flags(P, line + r, t1 - r, &flags);
        as = off + space_prefix(line + off, t1 - off);
        ae = as + space_trim_right(line + as, t1 - as);
    }
    const char *s = line + as;
    size_t sn = ae - as;
    ins->value = pl_arena_strndup(a, s, sn);
    ins->value_lines = sub_map(P, pieces, base + as, sn);
    const char *cmd = ins->cmd;
    int rc = 0;
    if (!strcmp(cmd, "from") || !strcmp(cmd, "expose")) {
        split_ws(P, s, sn, &args, &lens);
    } else if (!strcmp(cmd, "add") || !strcmp(cmd, "copy") || !strcmp(cmd, "volume")) {
        rc = maybe_json(P, s, sn, true, &args, &lens, &ins->json);
    } else if (!strcmp(cmd, "run") || !strcmp(cmd, "cmd") || !strcmp(cmd, "entrypoint") ||
               !strcmp(cmd, "shell")) {
        rc = maybe_json(P, s, sn, false, &args, &lens, &ins->json);
    } else if (!strcmp(cmd, "healthcheck")) {
        size_t sep = 0;
        while (sep < sn && !byte_space((unsigned char)s[sep]))
            sep++;
        size_t nx = sep;
        while (nx < sn && byte_space((unsigned char)s[nx]))
            nx++;
        if (sep > 0) {
            push_arg(P, &args, &lens, s, sep);
            rc = maybe_json(P, s + nx, sn - nx, false, &args, &lens, &ins->json);
        }
    } else if (!strcmp(cmd, "maintainer") || !strcmp(cmd, "user") || !strcmp(cmd, "workdir") ||
               !strcmp(cmd, "stopsignal")) {
        if (sn > 0)
            push_arg(P, &args, &lens, s, sn);
    } else if (!strcmp(cmd, "arg")) {
        pl_vec words = {0};
        parse_words(P, s, sn, &words);
        for (size_t i = 0; i < words.len; i++) {
            const char *w = PL_VEC_AT(words, const char *, i);
            const char *eq = strchr(w, '=');
            push_arg(P, &args, &lens, w, strlen(w));
            if (eq)
                add_pair(P, &pairs, w, (size_t)(eq - w), eq + 1, strlen(eq + 1), "=", true);
            else
                add_pair(P, &pairs, w, strlen(w), NULL, 0, "", false);
        }
    } else if (!strcmp(cmd, "env") || !strcmp(cmd, "label")) {
        rc = name_val(P, s, sn, !strcmp(cmd, "env") ? "ENV" : "LABEL", &args, &lens, &pairs);
    } else if (!strcmp(cmd, "onbuild")) {
        if (sn > 0) {
            pl_df_instruction *sub = pl_arena_alloc(a, sizeof *sub);
            rc = build_node(P, s, sn, base + as, pieces, sub);
            ins->sub = sub;
        }
    } else {
        push_arg(P, &args, &lens, "", 0);
    }
    if (rc < 0)
        return -1;
    ins->flags = flags.items;
    ins->nflags = flags.len;
    ins->args = args.items;
    ins->arg_lens = lens.items;
    ins->nargs = args.len;
    ins->pairs = pairs.items;
    ins->npairs = pairs.len;
    return 0;
}

/* ---- heredocs ------------------------------------------------------------------- */

static bool can_heredoc(const pl_df_instruction *ins) {
    if (!strcmp(ins->cmd, "onbuild") && ins->sub)
        ins = ins->sub;
    if (strcmp(ins->cmd, "run") && strcmp(ins->cmd, "copy") && strcmp(ins->cmd, "add"))
        return false;
    return !ins->json;
}

static size_t count_quotes(const char *s) {
    size_t k = 0;
    for (; *s; s++)
        k += *s == '\'' || *s == '"';
    return k;
}

/* ParseHeredoc on one lexed word: 1 heredoc found, 0 none, -1 error. */
static int heredoc_word(parser *P, const char *w, pl_df_heredoc *h) {
    const char *p = w;
    while (ascii_digit(*p))
        p++;
    size_t ndig = (size_t)(p - w);
    if (p[0] != '<' || p[1] != '<')
        return 0;
    p += 2;
    bool chomp = *p == '-';
    if (chomp)
        p++;
    while (re_space(*p))
        p++;
    if (strchr(p, '<') || !*p)
        return 0;
    unsigned long long fd = 0;
    for (size_t i = 0; i < ndig; i++) {
        if (fd > (UINT64_MAX - 9) / 10) { /* ParseUint overflows: Go ignores the error */
            fd = 0;
            break;
        }
        fd = fd * 10 + (unsigned)(w[i] - '0');
    }
    pl_lex_opts o = {.escape = '\\', .skip_unset_env = true};
    pl_vec words = {0}, raw = {0};
    pl_error e;
    if (pl_lex_words(P->a, p, strlen(p), &o, &words, NULL, &e) < 0) {
        snprintf(P->msg, sizeof P->msg, "%s", e.message);
        return -1;
    }
    if (words.len != 1)
        return 0;
    o.raw_quotes = true;
    if (pl_lex_words(P->a, p, strlen(p), &o, &raw, NULL, &e) < 0) {
        snprintf(P->msg, sizeof P->msg, "%s", e.message);
        return -1;
    }
    if (raw.len != 1) {
        snprintf(P->msg, sizeof P->msg,
                 "internal lexing of heredoc produced inconsistent results: %.200s", p);
        return -1;
    }
    const char *name = PL_VEC_AT(words, const char *, 0);
    h->name = name;
    h->chomp = chomp;
    h->fd = fd > INT32_MAX ? 0 : (int)fd;
    h->expand = count_quotes(name) == count_quotes(PL_VEC_AT(raw, const char *, 0));
    return 1;
}

/* heredocsFromLine, then the bodies from the following lines; *next is the next line. */
static int read_heredocs(parser *P, const char *line, size_t n, size_t *next,
                         pl_df_instruction *ins) {
    pl_lex_opts o = {.escape = '\\', .raw_quotes = true, .raw_escapes = true,
                     .skip_unset_env = true};
    pl_vec words = {0}, docs = {0};
    pl_error e;
    if (pl_lex_words(P->a, line, n, &o, &words, NULL, &e) < 0)
        return 0;
    for (size_t i = 0; i < words.len; i++) {
        pl_df_heredoc h = {0};
        int r = heredoc_word(P, PL_VEC_AT(words, const char *, i), &h);
        if (r < 0)
            return -1;
        if (r > 0)
            *PL_VEC_PUSH(P->a, &docs, pl_df_heredoc) = h;
    }
    for (size_t i = 0; i < docs.len; i++) {
        pl_df_heredoc *h = &PL_VEC_AT(docs, pl_df_heredoc, i);
        size_t nl = strlen(h->name);
        pl_sbuf body = {0};
        h->line = (int)*next + 1;
        bool done = false;
        while (*next < P->nlines) {
            size_t idx = (*next)++;
            const char *s = P->text + P->lines[idx].off;
            size_t sn = P->lines[idx].len;
            const char *t = s;
            size_t tn = sn;
            trim_newline(&t, &tn);
            if (h->chomp)
                while (tn > 0 && *t == '\t')
                    t++, tn--;
            if (tn == nl && memcmp(t, h->name, nl) == 0) {
                h->end_line = (int)idx + 1;
                done = true;
                break;
            }
            pl_sbuf_add(P->a, &body, s, sn);
        }
        if (!done) {
            snprintf(P->msg, sizeof P->msg, "unterminated heredoc");
            return -1;
        }
        h->body = pl_sbuf_str(P->a, &body);
    }
    ins->heredocs = docs.items;
    ins->nheredocs = docs.len;
    if (ins->sub && !strcmp(ins->cmd, "onbuild")) {
        ins->sub->heredocs = docs.items;
        ins->sub->nheredocs = docs.len;
    }
    return 0;
}

/* ---- the main loop (Parse) ------------------------------------------------------ */

static int fail_at(parser *P, pl_error *err, int line, int column, int end_line,
                   const char *keyword) {
    if (keyword && !strstr(P->msg, keyword))
        pl_error_set(err, P->path, line, column, "%s: %s", keyword, P->msg);
    else
        pl_error_set(err, P->path, line, column, "%s", P->msg);
    if (err)
        err->end_line = end_line;
    return -1;
}

static void upper_copy(char *dst, size_t cap, const char *s) {
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        dst[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    dst[i] = '\0';
}

int pl_dockerfile_parse(pl_arena *a, const char *path, const char *text, size_t len,
                        pl_dockerfile **out, pl_error *err) {
    if (!text)
        text = "", len = 0;
    parser P = {.a = a, .path = path, .text = text, .esc = '\\'};
    pl_dockerfile *df = pl_arena_alloc(a, sizeof *df);
    df->path = path;
    df->text = text;
    df->len = len;

    /* physical lines, '\n' kept; the BOM is dropped from the first */
    size_t nl = 0;
    for (size_t i = 0; i < len; i++)
        nl += text[i] == '\n';
    P.lines = pl_arena_alloc(a, (nl + 1) * sizeof *P.lines);
    for (size_t i = 0; i < len;) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t end = e ? (size_t)(e - text) + 1 : len;
        size_t content = end - i - (e ? 1 : 0);
        if (content > DF_MAX_LINE) {
            pl_error_set(err, path, (int)P.nlines + 1, 1,
                         "dockerfile line greater than max allowed size of %d", DF_MAX_LINE);
            err ? err->end_line = (int)P.nlines + 1 : 0;
            return -1;
        }
        P.lines[P.nlines++] = (pline){i, end - i};
        if (end - i >= 2 && text[end - 1] == '\n' && text[end - 2] == '\r')
            df->crlf = true;
        i = end;
    }
    if (P.nlines > 0 && P.lines[0].len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        P.lines[0].off += 3;
        P.lines[0].len -= 3;
        df->bom = true;
    }

    pl_vec instrs = {0}, doc = {0};
    size_t i = 0;
    while (i < P.nlines) {
        const char *ct;
        size_t ctn;
        bool is_comment = comment_line(&P, i, &ct, &ctn);
        size_t doc_before = doc.len;
        if (is_comment) {
            /* Node.PrevComment: BuildKit trims the raw line after its first byte */
            const char *r = text + P.lines[i].off;
            size_t rn = P.lines[i].len;
            trim_newline(&r, &rn);
            if (rn > 0) {
                size_t l = space_prefix(r + 1, rn - 1);
                size_t tn = space_trim_right(r + 1 + l, rn - 1 - l);
                if (tn == 0)
                    doc.len = 0;
                else
                    *PL_VEC_PUSH(a, &doc, const char *) = pl_arena_strndup(a, r + 1 + l, tn);
            }
        }
        const char *t;
        size_t tn;
        bool is_dir;
        size_t lead;
        {
            const char *r = text + P.lines[i].off;
            size_t rn = P.lines[i].len;
            trim_newline(&r, &rn);
            lead = space_prefix(r, rn);
        }
        if (process_line(&P, i, true, &t, &tn, &is_dir) < 0)
            return fail_at(&P, err, (int)i + 1, 1, (int)i + 1, NULL);
        if (is_dir)
            doc.len = doc_before;
        else if (is_comment)
            add_comment(&P, i);
        i++;
        int start = (int)i;
        bool cont = trim_continuation(&P, t, &tn);
        if (!cont && tn == 0)
            continue;

        pl_sbuf joined = {0};
        pl_vec pieces = {0};
        *PL_VEC_PUSH(a, &pieces, piece) = (piece){0, start, (int)lead + 1};
        pl_sbuf_add(a, &joined, t, tn);
        int empty_line = 0;
        while (cont && i < P.nlines) {
            if (process_line(&P, i, false, &t, &tn, &is_dir) < 0)
                return fail_at(&P, err, (int)i + 1, 1, (int)i + 1, NULL);
            size_t idx = i++;
            const char *x;
            size_t xn;
            if (comment_line(&P, idx, &x, &xn)) {
                add_comment(&P, idx);
                continue;
            }
            if (space_prefix(t, tn) == tn) {
                if (!empty_line)
                    empty_line = (int)idx + 1;
                continue;
            }
            cont = trim_continuation(&P, t, &tn);
            if (tn > 0)
                *PL_VEC_PUSH(a, &pieces, piece) = (piece){joined.len, (int)idx + 1, 1};
            pl_sbuf_add(a, &joined, t, tn);
        }
        const char *line = pl_sbuf_str(a, &joined);
        if (empty_line) {
            pl_df_warning *w = PL_VEC_PUSH(a, &P.warnings, pl_df_warning);
            w->line = empty_line;
            w->code = "empty-continuation";
            w->message = pl_arena_printf(a, "Empty continuation line found in: %s", line);
        }

        pl_df_instruction *ins = PL_VEC_PUSH(a, &instrs, pl_df_instruction);
        ins->column = (int)lead + 1;
        if (build_node(&P, line, joined.len, 0, &pieces, ins) < 0) {
            char kw[64];
            upper_copy(kw, sizeof kw, ins->keyword ? ins->keyword : "");
            return fail_at(&P, err, start, ins->column, (int)i, kw);
        }
        if (can_heredoc(ins) && strstr(line, "<<")) {
            if (read_heredocs(&P, line, joined.len, &i, ins) < 0) {
                char kw[64];
                upper_copy(kw, sizeof kw, ins->keyword);
                return fail_at(&P, err, start, ins->column, (int)i, kw);
            }
        }
        ins->raw = line;
        ins->line = start;
        ins->end_line = (int)i;
        ins->index = (int)instrs.len;
        ins->comments = doc.items;
        ins->ncomments = doc.len;
        if (ins->sub) {
            ins->sub->line = ins->line;
            ins->sub->end_line = ins->end_line;
            ins->sub->column = ins->column;
            ins->sub->raw = ins->value;
            ins->sub->index = ins->index;
        }
        doc = (pl_vec){0};
    }

    if (instrs.len == 0) {
        int last = P.nlines > 0 ? (int)P.nlines : 1;
        pl_error_set(err, path, last, 1, "file with no instructions");
        if (err)
            err->end_line = last;
        return -1;
    }

    /* stages: one per FROM */
    pl_vec stages = {0};
    pl_df_instruction *is = instrs.items;
    for (size_t k = 0; k < instrs.len; k++) {
        if (!strcmp(is[k].cmd, "from")) {
            pl_df_stage *st = PL_VEC_PUSH(a, &stages, pl_df_stage);
            st->index = (int)stages.len;
            st->line = is[k].line;
            st->first = k;
            if (is[k].nargs == 3 && strcasecmp(is[k].args[1], "as") == 0)
                st->name = is[k].args[2];
        }
        if (stages.len > 0) {
            pl_df_stage *st = &PL_VEC_AT(stages, pl_df_stage, stages.len - 1);
            st->count++;
            st->end_line = is[k].end_line;
            is[k].stage = st->index;
            if (is[k].sub)
                is[k].sub->stage = st->index;
        }
    }

    df->escape = P.esc;
    df->start_line = is[0].line;
    df->end_line = is[instrs.len - 1].end_line;
    df->directives = P.directives.items;
    df->ndirectives = P.directives.len;
    df->instructions = instrs.items;
    df->ninstructions = instrs.len;
    df->stages = stages.items;
    df->nstages = stages.len;
    df->comments = P.comments.items;
    df->ncomments = P.comments.len;
    df->warnings = P.warnings.items;
    df->nwarnings = P.warnings.len;
    *out = df;
    return 0;
}

/* ---- Node.Dump ---------------------------------------------------------------------- */

static void dump_trimmed(const pl_df_instruction *ins, pl_buf *out);

static void dump_node(const pl_df_instruction *ins, pl_buf *b) {
    pl_buf_puts(b, ins->cmd);
    if (ins->nflags > 0) {
        pl_buf_puts(b, " [");
        for (size_t i = 0; i < ins->nflags; i++) {
            if (i)
                pl_buf_puts(b, " ");
            go_quote(b, ins->flags[i].raw, strlen(ins->flags[i].raw));
        }
        pl_buf_puts(b, "]");
    }
    for (size_t i = 0; i < ins->nargs; i++) {
        pl_buf_puts(b, " ");
        go_quote(b, ins->args[i], ins->arg_lens ? ins->arg_lens[i] : strlen(ins->args[i]));
    }
    if (ins->sub) {
        pl_buf_puts(b, " (");
        dump_trimmed(ins->sub, b);
        pl_buf_puts(b, ")");
    }
}

/* Node.Dump ends in strings.TrimSpace, which matters for an empty keyword (a file that
 * is a lone escape character has one instruction with no name). */
static void dump_trimmed(const pl_df_instruction *ins, pl_buf *out) {
    pl_buf tmp;
    pl_buf_init(&tmp);
    dump_node(ins, &tmp);
    const char *s = tmp.data ? tmp.data : "";
    size_t k = space_prefix(s, tmp.len);
    pl_buf_append(out, s + k, space_trim_right(s + k, tmp.len - k));
    pl_buf_free(&tmp);
}

void pl_dockerfile_dump_ast(const pl_dockerfile *df, pl_buf *out) {
    for (size_t i = 0; i < df->ninstructions; i++) {
        pl_buf_puts(out, "(");
        dump_trimmed(&df->instructions[i], out);
        pl_buf_puts(out, ")\n");
    }
}
