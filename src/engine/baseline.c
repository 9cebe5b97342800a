/* baseline.c — reading, applying and writing baseline files (include/plimsoll/baseline.h).
 *
 * Entries are matched on (path, rule, fingerprint:occurrence), the fingerprint being the
 * one every report shows: it ignores where the finding is and how its instruction is
 * wrapped or indented, and changes when the instruction itself does. Text fields are
 * escaped (\t, \n, \\) so one entry is always one line, and the file is sorted, so a
 * baseline diffs well in review. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/baseline.h"

typedef struct entry {
    char *fingerprint, *rule, *path;
    int line; /* in the baseline file */
    bool used;
} entry;

struct pl_baseline {
    entry *items;
    size_t n, cap;
};

static void put_field(pl_buf *b, const char *s) {
    for (; s && *s; s++) {
        if (*s == '\t')
            pl_buf_puts(b, "\\t");
        else if (*s == '\n')
            pl_buf_puts(b, "\\n");
        else if (*s == '\r')
            pl_buf_puts(b, "\\r");
        else if (*s == '\\')
            pl_buf_puts(b, "\\\\");
        else
            pl_buf_append(b, s, 1);
    }
}

/* s[0..n) with the escapes of put_field undone; NULL for an unknown escape. */
static char *get_field(const char *s, size_t n) {
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            pl_buf_append(&b, s + i, 1);
            continue;
        }
        char c = ++i < n ? s[i] : 0;
        const char *out = c == 't'    ? "\t"
                          : c == 'n'  ? "\n"
                          : c == 'r'  ? "\r"
                          : c == '\\' ? "\\"
                                      : NULL;
        if (!out) {
            pl_buf_free(&b);
            return NULL;
        }
        pl_buf_puts(&b, out);
    }
    return pl_buf_take(&b);
}

static bool fingerprint_ok(const char *s) {
    size_t i = 0;
    for (; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    if (s[i++] != ':' || !(s[i] >= '1' && s[i] <= '9'))
        return false;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    return s[i] == '\0';
}

void pl_baseline_free(pl_baseline *b) {
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        free(b->items[i].fingerprint), free(b->items[i].rule), free(b->items[i].path);
    free(b->items);
    free(b);
}

static int parse_line(pl_baseline *b, const char *path, int lineno, const char *s, size_t n,
                      pl_error *err) {
    const char *tab1 = memchr(s, '\t', n);
    const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', n - (size_t)(tab1 + 1 - s)) : NULL;
    if (!tab1 || !tab2)
        return pl_error_set(
            err, path, lineno, 1,
            "not a baseline entry (want FINGERPRINT<tab>RULE<tab>PATH<tab>MESSAGE); "
            "write the file with 'plimsoll baseline'");
    const char *tab3 = memchr(tab2 + 1, '\t', n - (size_t)(tab2 + 1 - s));
    size_t path_len = tab3 ? (size_t)(tab3 - tab2 - 1) : n - (size_t)(tab2 + 1 - s);
    entry e = {get_field(s, (size_t)(tab1 - s)), get_field(tab1 + 1, (size_t)(tab2 - tab1 - 1)),
               get_field(tab2 + 1, path_len), lineno, false};
    if (!e.fingerprint || !e.rule || !e.path || !fingerprint_ok(e.fingerprint) || !*e.rule ||
        !*e.path) {
        free(e.fingerprint), free(e.rule), free(e.path);
        return pl_error_set(
            err, path, lineno, 1,
            "bad baseline entry: the fingerprint must be 16 hex digits, ':' and "
            "an occurrence (e.g. 5c0d2a8e41b7f390:1), followed by a rule and a path");
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        entry *items = realloc(b->items, b->cap * sizeof *items);
        if (!items)
            pl_out_of_memory();
        b->items = items;
    }
    b->items[b->n++] = e;
    return 0;
}

static int cmp_entry(const void *a, const void *b) {
    return strcmp(((const entry *)a)->fingerprint, ((const entry *)b)->fingerprint);
}

int pl_baseline_read(const char *path, pl_baseline **out, pl_error *err) {
    *out = NULL;
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    if (pl_file_read(&a, path, 64u << 20, &text, &len, err) != 0) {
        pl_arena_free(&a);
        return -1;
    }
    size_t hl = strlen(PL_BASELINE_HEADER);
    if (len < hl || memcmp(text, PL_BASELINE_HEADER, hl) != 0 ||
        (len > hl && text[hl] != '\n' && text[hl] != ' ' && text[hl] != '\r')) {
        pl_arena_free(&a);
        return pl_error_set(err, path, 1, 1,
                            "not a plimsoll baseline (its first line must be '" PL_BASELINE_HEADER
                            "'); write one with 'plimsoll baseline'");
    }
    pl_baseline *b = calloc(1, sizeof *b);
    if (!b)
        pl_out_of_memory();
    int lineno = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lineno++;
        if (n && p[n - 1] == '\r')
            n--;
        if (n && p[0] != '#' && parse_line(b, path, lineno, p, n, err) != 0) {
            pl_baseline_free(b);
            pl_arena_free(&a);
            return -1;
        }
        p = nl ? nl + 1 : end;
    }
    pl_arena_free(&a);
    /* by fingerprint, so each finding finds its entries by binary search */
    qsort(b->items, b->n, sizeof *b->items, cmp_entry);
    *out = b;
    return 0;
}

size_t pl_baseline_apply(const pl_baseline *b, const char *path, pl_results *r) {
    size_t hidden = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        pl_finding *f = &r->findings[i];
        if (f->suppressed_kind)
            continue;
        char *fp = pl_results_fingerprint(r, i);
        size_t lo = 0, hi = b->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(b->items[mid].fingerprint, fp) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < b->n && strcmp(b->items[k].fingerprint, fp) == 0; k++) {
            entry *e = &b->items[k];
            if (!e->used && strcmp(e->rule, f->rule) == 0 && strcmp(e->path, f->path) == 0) {
                e->used = true;
                pl_buf src;
                pl_buf_init(&src);
                pl_buf_printf(&src, "%s:%d", path, e->line);
                pl_finding_suppress(f, "baseline", "in the baseline", src.data);
                pl_buf_free(&src);
                hidden++;
                break;
            }
        }
        free(fp);
    }
    size_t fixed = 0;
    /* notes are sorted with the results later; the order here does not matter */
    for (size_t k = 0; k < b->n; k++) {
        const entry *e = &b->items[k];
        if (e->used)
            continue;
        fixed++;
        pl_buf m;
        pl_buf_init(&m);
        pl_buf_printf(&m,
                      "baseline entry no longer occurs (fixed?): %s in %s; rewrite the "
                      "baseline with 'plimsoll baseline' to drop it",
                      e->rule, e->path);
        pl_results_add_note(r, path, e->line, 1, e->rule, m.data);
        pl_buf_free(&m);
    }
    pl_buf m;
    pl_buf_init(&m);
    pl_buf_printf(&m,
                  "%zu finding%s hidden by the baseline; %zu of its %zu entr%s no longer "
                  "occur%s",
                  hidden, hidden == 1 ? "" : "s", fixed, b->n, b->n == 1 ? "y" : "ies",
                  fixed == 1 ? "s" : "");
    pl_results_add_note(r, path, 0, 0, NULL, m.data);
    pl_buf_free(&m);
    return hidden;
}

typedef struct line {
    const char *path, *rule;
    char *fingerprint, *text;
} line;

static int cmp_line(const void *a, const void *b) {
    const line *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (!c)
        c = strcmp(x->rule, y->rule);
    return c ? c : strcmp(x->fingerprint, y->fingerprint);
}

char *pl_baseline_text(const pl_results *r) {
    line *lines = malloc((r->nfindings ? r->nfindings : 1) * sizeof *lines);
    if (!lines)
        pl_out_of_memory();
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        const pl_finding *f = &r->findings[i];
        if (f->suppressed_kind && strcmp(f->suppressed_kind, "baseline") != 0)
            continue; /* waived in the file or the configuration: not the baseline's */
        pl_buf l;
        pl_buf_init(&l);
        char *fp = pl_results_fingerprint(r, i);
        pl_buf_puts(&l, fp);
        pl_buf_puts(&l, "\t");
        put_field(&l, f->rule);
        pl_buf_puts(&l, "\t");
        put_field(&l, f->path);
        pl_buf_puts(&l, "\t");
        put_field(&l, f->message);
        lines[n++] = (line){f->path, f->rule, fp, pl_buf_take(&l)};
    }
    /* by file, then rule: a reviewer reads one file's accepted findings together */
    qsort(lines, n, sizeof *lines, cmp_line);
    pl_buf out;
    pl_buf_init(&out);
    pl_buf_puts(
        &out, PL_BASELINE_HEADER
        "\n"
        "# Findings accepted as they are: 'plimsoll check --baseline FILE' hides them and\n"
        "# fails only on new ones. Rewrite with 'plimsoll baseline'. Columns (tab-separated):\n"
        "# fingerprint:occurrence, rule, path, message (for the reader; not matched).\n");
    for (size_t i = 0; i < n; i++) {
        pl_buf_puts(&out, lines[i].text);
        pl_buf_puts(&out, "\n");
        free(lines[i].text);
        free(lines[i].fingerprint);
    }
    free(lines);
    return pl_buf_take(&out);
}
