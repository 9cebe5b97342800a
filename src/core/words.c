/* words.c — judging short things a user wrote: the nearest valid name for a misspelt
 * one, and whether a reason says anything at all.
 *
 * Every place that rejects an unknown name (configuration keys, bundle.yaml keys, rule
 * metadata, report fields) asks here for its "did you mean", so a typo gets the same
 * answer wherever it is made. */
#include <stdio.h>
#include <string.h>

#include "plimsoll/core.h"

#define MAX_WORD 64 /* longer names are not typos of short ones; no suggestion */

static char fold(char c) {
    if (c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    return c == '_' ? '-' : c;
}

/* Optimal string alignment distance of a and b (both at most MAX_WORD bytes). */
static size_t distance(const char *a, size_t n, const char *b, size_t m) {
    size_t rows[3][MAX_WORD + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
            size_t d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]) && prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

const char *pl_suggest(const char *word, const char *const *candidates) {
    if (!word || !candidates)
        return NULL;
    size_t n = strlen(word);
    if (n == 0 || n > MAX_WORD)
        return NULL;
    size_t limit = n / 3 < 1 ? 1 : n / 3 > 3 ? 3 : n / 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t m = strlen(candidates[i]);
        if (m > MAX_WORD || (m > n ? m - n : n - m) > limit)
            continue;
        size_t d = distance(word, n, candidates[i], m);
        if (d < best_d && strcmp(word, candidates[i]) != 0) {
            best = candidates[i];
            best_d = d;
        }
    }
    if (best)
        return best;
    /* a name without its unit or qualifier: timeout for timeout-ms, memory for memory-mib */
    for (size_t i = 0; candidates[i]; i++) {
        size_t k = 0;
        while (k < n && candidates[i][k] && fold(candidates[i][k]) == fold(word[k]))
            k++;
        if (k == n && candidates[i][n] == '-')
            return candidates[i];
    }
    return NULL;
}

void pl_suggest_hint(char *out, size_t size, const char *word, const char *const *candidates) {
    if (!size)
        return;
    const char *near = pl_suggest(word, candidates);
    if (near) {
        snprintf(out, size, "did you mean '%s'?", near);
        return;
    }
    size_t len = (size_t)snprintf(out, size, "use");
    for (size_t i = 0; candidates && candidates[i] && len < size; i++) {
        const char *sep = i == 0 ? " " : candidates[i + 1] ? ", " : " or ";
        len += (size_t)snprintf(out + len, size - len, "%s%s", sep, candidates[i]);
    }
}

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length, with *cp set, or
 * 0 for a malformed one. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp) {
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || len > n)
        return 0;
    unsigned v = len == 1 ? c : c & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

/* Spaces, punctuation and invisible characters outside ASCII: Latin-1's controls and
 * symbols (no-break space, «, ¿ ...), General Punctuation (en spaces, zero-width
 * characters, dashes, ellipsis), the ideographic space and full stops, the byte-order
 * mark. Anything else is taken as a letter of some script. */
static bool says_nothing(unsigned cp) {
    return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 || cp == 0x1680 || cp == 0x180e ||
           (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x3003) || cp == 0xfeff;
}

bool pl_text_says_something(const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        unsigned cp = 0;
        size_t len = utf8_next(s + i, n - i, &cp);
        if (!len) { /* a stray byte is not a word */
            i++;
            continue;
        }
        if (cp < 0x80 ? ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
                      : !says_nothing(cp))
            return true;
        i += len;
    }
    return false;
}
