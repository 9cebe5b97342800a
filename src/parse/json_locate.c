/* json_locate.c — where a value sits in JSON text, for findings that point into a file.
 *
 * jansson gives values but not positions, so this small scanner walks the original bytes
 * along an RFC 6901 pointer. It is not a validator: it only needs to be right on text
 * jansson accepted, and on anything else (truncated sniff buffers, fuzz input) it must
 * answer -1 or a harmless guess without reading past len. Nothing here recurses, so depth
 * cannot exhaust the stack. */
#include <stdint.h>
#include <string.h>

#include "plimsoll/image.h"

#define FAIL SIZE_MAX

static size_t skip_ws(const char *t, size_t len, size_t i) {
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* i at the opening quote; returns the index after the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i) {
    for (i++; i < len; i++) {
        if (t[i] == '\\')
            i++;
        else if (t[i] == '"')
            return i + 1;
    }
    return FAIL;
}

/* Skips one value by bracket counting; strings are skipped whole so brackets inside
 * them do not count. */
static size_t skip_value(const char *t, size_t len, size_t i) {
    if (i >= len)
        return FAIL;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] == '{' || t[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            char c = t[i];
            if (c == '"') {
                i = skip_string(t, len, i);
                if (i == FAIL)
                    return FAIL;
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return i + 1;
            }
            i++;
        }
        return FAIL;
    }
    size_t start = i;
    while (i < len && !strchr(",}] \t\r\n:{[\"", t[i]) && t[i] != '\0')
        i++;
    return i == start ? FAIL : i;
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

static long read_u4(const char *t, size_t len, size_t i) {
    if (i + 4 > len)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(t[i + (size_t)k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static int put_utf8(unsigned long cp, unsigned char out[4]) {
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the next piece of a JSON string at *i (inside the quotes) into out. Returns the
 * number of bytes produced, 0 at the closing quote (with *i after it), -1 on bad text. */
static int string_next(const char *t, size_t len, size_t *i, unsigned char out[4]) {
    size_t p = *i;
    if (p >= len)
        return -1;
    char c = t[p];
    if (c == '"') {
        *i = p + 1;
        return 0;
    }
    if (c != '\\') {
        out[0] = (unsigned char)c;
        *i = p + 1;
        return 1;
    }
    if (p + 1 >= len)
        return -1;
    char e = t[p + 1];
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    const char *hit = e ? strchr(from, e) : NULL;
    if (hit) {
        out[0] = (unsigned char)to[hit - from];
        *i = p + 2;
        return 1;
    }
    if (e != 'u')
        return -1;
    long cp = read_u4(t, len, p + 2);
    if (cp < 0)
        return -1;
    p += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < len && t[p] == '\\' && t[p + 1] == 'u') {
        long lo = read_u4(t, len, p + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        }
    }
    *i = p;
    return put_utf8((unsigned long)cp, out);
}

/* The next byte of a pointer segment after ~0/~1 unescaping, or -1 at its end. */
static int seg_next(const char **s) {
    const char *p = *s;
    if (*p == '\0' || *p == '/')
        return -1;
    if (*p == '~') {
        *s = p + 2;
        return p[1] == '0' ? '~' : '/';
    }
    *s = p + 1;
    return (unsigned char)*p;
}

/* Compares the key string at t[i] (the opening quote) with the segment; *i ends after the
 * key. Returns 1 equal, 0 different, -1 bad text. */
static int key_equals(const char *t, size_t len, size_t *i, const char *seg) {
    size_t p = *i + 1;
    bool same = true;
    unsigned char buf[4];
    int n;
    while ((n = string_next(t, len, &p, buf)) > 0) {
        for (int k = 0; k < n; k++) {
            int b = same ? seg_next(&seg) : -1;
            if (b != buf[k])
                same = false;
        }
    }
    if (n < 0)
        return -1;
    *i = p;
    return same && seg_next(&seg) == -1;
}

/* An array index segment: digits without a leading zero. */
static bool seg_index(const char *seg, size_t *out) {
    size_t v = 0, nd = 0;
    for (; *seg && *seg != '/'; seg++, nd++) {
        if (*seg < '0' || *seg > '9' || (nd == 1 && v == 0) || v > SIZE_MAX / 20)
            return false;
        v = v * 10 + (size_t)(*seg - '0');
    }
    *out = v;
    return nd > 0;
}

/* Finds the member named by seg in the object or array whose value starts at i. */
static size_t step(const char *t, size_t len, size_t i, const char *seg) {
    if (t[i] == '{') {
        i = skip_ws(t, len, i + 1);
        if (i < len && t[i] == '}')
            return FAIL;
        while (i < len && t[i] == '"') {
            int eq = key_equals(t, len, &i, seg);
            if (eq < 0)
                return FAIL;
            i = skip_ws(t, len, i);
            if (i >= len || t[i] != ':')
                return FAIL;
            i = skip_ws(t, len, i + 1);
            if (eq)
                return i < len ? i : FAIL;
            i = skip_value(t, len, i);
            if (i == FAIL)
                return FAIL;
            i = skip_ws(t, len, i);
            if (i >= len || t[i] != ',')
                return FAIL;
            i = skip_ws(t, len, i + 1);
        }
        return FAIL;
    }
    if (t[i] == '[') {
        size_t want;
        if (!seg_index(seg, &want))
            return FAIL;
        i = skip_ws(t, len, i + 1);
        if (i < len && t[i] == ']')
            return FAIL;
        for (size_t k = 0; i < len; k++) {
            if (k == want)
                return i;
            i = skip_value(t, len, i);
            if (i == FAIL)
                return FAIL;
            i = skip_ws(t, len, i);
            if (i >= len || t[i] != ',')
                return FAIL;
            i = skip_ws(t, len, i + 1);
        }
    }
    return FAIL;
}

static bool pointer_valid(const char *p) {
    if (*p != '\0' && *p != '/')
        return false;
    for (; *p; p++)
        if (*p == '~' && p[1] != '0' && p[1] != '1')
            return false;
    return true;
}

int pl_json_locate_offset(const char *text, size_t len, const char *pointer, size_t *offset) {
    if (!text || !pointer || !pointer_valid(pointer))
        return -1;
    /* a UTF-8 BOM (PowerShell writes one) is skipped; positions still count its bytes */
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = skip_ws(text, len, i);
    if (i >= len)
        return -1;
    const char *seg = pointer;
    while (*seg == '/') {
        seg++;
        i = step(text, len, i, seg);
        if (i == FAIL)
            return -1;
        seg += strcspn(seg, "/");
    }
    *offset = i;
    return 0;
}

int pl_json_locate(const char *text, size_t len, const char *pointer, int *line, int *column) {
    size_t off;
    if (pl_json_locate_offset(text, len, pointer, &off) < 0)
        return -1;
    int l = 1;
    size_t bol = 0;
    for (size_t k = 0; k < off; k++)
        if (text[k] == '\n') {
            l++;
            bol = k + 1;
        }
    *line = l;
    *column = (int)(off - bol) + 1;
    return 0;
}

int pl_json_members(pl_arena *a, const char *text, size_t len, size_t offset, pl_json_member **out,
                    size_t *n) {
    if (!text || offset >= len || (text[offset] != '{' && text[offset] != '['))
        return -1;
    bool obj = text[offset] == '{';
    char close = obj ? '}' : ']';
    pl_vec v = {0};
    pl_buf key;
    pl_buf_init(&key);
    size_t i = skip_ws(text, len, offset + 1);
    int rc = -1;
    if (i < len && text[i] == close) {
        rc = 0;
        goto done;
    }
    while (i < len) {
        pl_json_member m = {NULL, 0, 0};
        if (obj) {
            if (text[i] != '"')
                goto done;
            key.len = 0;
            size_t p = i + 1;
            unsigned char buf[4];
            int k;
            while ((k = string_next(text, len, &p, buf)) > 0)
                pl_buf_append(&key, (const char *)buf, (size_t)k);
            if (k < 0)
                goto done;
            m.key = pl_arena_strndup(a, key.data ? key.data : "", key.len);
            m.key_len = key.len;
            i = skip_ws(text, len, p);
            if (i >= len || text[i] != ':')
                goto done;
            i = skip_ws(text, len, i + 1);
        }
        if (i >= len)
            goto done;
        m.offset = i;
        *PL_VEC_PUSH(a, &v, pl_json_member) = m;
        i = skip_value(text, len, i);
        if (i == FAIL)
            goto done;
        i = skip_ws(text, len, i);
        if (i < len && text[i] == close) {
            rc = 0;
            goto done;
        }
        if (i >= len || text[i] != ',')
            goto done;
        i = skip_ws(text, len, i + 1);
    }
done:
    pl_buf_free(&key);
    if (rc == 0) {
        *out = v.items;
        *n = v.len;
    }
    return rc;
}
