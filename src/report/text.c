/* text.c — the report a person reads in a terminal or a CI log.
 *
 * One header line per file, then its findings as `path:line:column: severity rule message`
 * (the shape compilers use, so editors and terminals make them clickable), then the file's
 * errors, and a summary. Messages and paths come from policies and inputs written by
 * strangers, so every control character, stray byte and bidirectional override is
 * escaped: a finding can never move the cursor, recolour or rewrite the terminal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/report.h"

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"

static const char *severity_sgr(pl_severity s) {
    switch (s) {
    case PL_SEV_CRITICAL: return "\033[1;31m";
    case PL_SEV_HIGH: return "\033[31m";
    case PL_SEV_MEDIUM: return "\033[33m";
    case PL_SEV_LOW: return "\033[36m";
    case PL_SEV_INFO: return "\033[2m";
    }
    return "";
}

/* C1 controls (a terminal may read U+009B as CSI) and the bidirectional overrides
 * that can make a line display differently from what it says. */
static bool unsafe_code_point(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
}

void pl_report_escape(pl_buf *b, const char *str) {
    if (!str) {
        pl_buf_puts(b, "-");
        return;
    }
    const unsigned char *s = (const unsigned char *)str;
    const unsigned char *end = s + strlen(str);
    while (*s) {
        const unsigned char *run = s;
        uint32_t cp;
        size_t n;
        /* copy the longest safe run in one go */
        while (*s >= 0x20 && *s != 0x7f &&
               (n = pl_utf8_len((const char *)s, (size_t)(end - s), &cp)) && !unsafe_code_point(cp))
            s += n;
        if (s > run)
            pl_buf_append(b, (const char *)run, (size_t)(s - run));
        if (!*s)
            break;
        if (*s == '\n') {
            pl_buf_puts(b, "\\n");
            s++;
        } else if (*s == '\t') {
            pl_buf_puts(b, "\\t");
            s++;
        } else if (*s == '\r') {
            pl_buf_puts(b, "\\r");
            s++;
        } else if (*s >= 0x80 && (n = pl_utf8_len((const char *)s, (size_t)(end - s), &cp))) {
            pl_buf_printf(b, "\\u%04x", (unsigned)cp);
            s += n;
        } else {
            pl_buf_printf(b, "\\x%02x", *s); /* as pl_utf8_escape_invalid writes it */
            s++;
        }
    }
}

/* path:line:column: — with :column left out when unknown and both left out when the
 * line is unknown. */
static void put_location(pl_buf *b, const char *path, int line, int column) {
    pl_report_escape(b, path);
    if (line > 0) {
        pl_buf_printf(b, ":%d", line);
        if (column > 0)
            pl_buf_printf(b, ":%d", column);
    }
    pl_buf_puts(b, ":");
}

static int strcmp0(const char *a, const char *b) {
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* The order of the report: by path, then in the order the results hold (sorted by
 * line when the caller ran pl_results_sort). An index tie-break keeps qsort stable, so
 * the formatter never depends on the caller having sorted anything. */
typedef enum entry_kind { ENTRY_FINDING, ENTRY_PROBLEM, ENTRY_NOTE } entry_kind;

typedef struct entry {
    const char *path;
    size_t index;
    entry_kind kind;
} entry;

static int cmp_entry(const void *pa, const void *pb) {
    const entry *a = pa, *b = pb;
    int c = strcmp0(a->path, b->path);
    if (c)
        return c;
    if (a->kind != b->kind) /* findings first, then the file's errors, then notes */
        return a->kind > b->kind ? 1 : -1;
    return (a->index > b->index) - (a->index < b->index);
}

static size_t collect_entries(const pl_results *r, bool show_suppressed, entry **out) {
    size_t n = r->nfindings + r->nproblems + r->nnotes;
    entry *e = calloc(n ? n : 1, sizeof *e);
    if (!e)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        if (show_suppressed || !r->findings[i].suppressed_kind)
            e[k++] = (entry){r->findings[i].path, i, ENTRY_FINDING};
    for (size_t i = 0; i < r->nproblems; i++)
        e[k++] = (entry){r->problems[i].path, i, ENTRY_PROBLEM};
    for (size_t i = 0; i < r->nnotes; i++)
        e[k++] = (entry){r->notes[i].path, i, ENTRY_NOTE};
    if (k)
        qsort(e, k, sizeof *e, cmp_entry);
    *out = e;
    return k;
}

static void put_finding(pl_buf *b, const pl_finding *f, bool color) {
    put_location(b, f->path, f->line, f->column);
    pl_buf_puts(b, " ");
    if (color)
        pl_buf_puts(b, severity_sgr(f->severity));
    pl_buf_puts(b, pl_severity_name(f->severity));
    if (color)
        pl_buf_puts(b, SGR_RESET);
    pl_buf_puts(b, " ");
    pl_report_escape(b, f->rule);
    pl_buf_puts(b, " ");
    pl_report_escape(b, f->message);
    if (f->suppressed_kind) {
        pl_buf_puts(b, " [suppressed (");
        pl_report_escape(b, f->suppressed_kind);
        pl_buf_puts(b, ", ");
        pl_report_escape(b, f->suppressed_source);
        pl_buf_puts(b, "): ");
        pl_report_escape(b, f->suppressed_reason);
        pl_buf_puts(b, "]");
    }
    pl_buf_puts(b, "\n");
}

static void put_note(pl_buf *b, const pl_note *n, bool color) {
    if (n->path)
        put_location(b, n->path, n->line, n->column);
    else
        pl_buf_puts(b, "plimsoll:");
    pl_buf_puts(b, color ? " \033[1;36mnote" SGR_RESET ": " : " note: ");
    pl_report_escape(b, n->message);
    pl_buf_puts(b, "\n");
}

static void put_problem(pl_buf *b, const pl_problem *p, bool color) {
    if (p->path)
        put_location(b, p->path, p->line, p->column);
    else
        pl_buf_puts(b, "plimsoll:");
    pl_buf_puts(b, color ? " \033[1;31merror" SGR_RESET ": " : " error: ");
    if (p->rule) {
        pl_report_escape(b, p->rule);
        pl_buf_puts(b, ": ");
    }
    pl_report_escape(b, p->message);
    pl_buf_puts(b, "\n");
}

static const char *plural(size_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

static void put_summary(pl_buf *b, const pl_results *r, const pl_report_opts *o) {
    size_t counts[PL_SEV_CRITICAL + 1] = {0};
    size_t suppressed = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        if (r->findings[i].suppressed_kind)
            suppressed++;
        else if ((unsigned)r->findings[i].severity <= PL_SEV_CRITICAL)
            counts[r->findings[i].severity]++;
    }
    size_t active = r->nfindings - suppressed;
    if (active == 0) {
        pl_buf_puts(b, "no findings");
    } else {
        pl_buf_printf(b, "%zu %s (", active, plural(active, "finding", "findings"));
        bool first = true;
        for (int s = PL_SEV_CRITICAL; s >= PL_SEV_INFO; s--) {
            if (!counts[s])
                continue;
            pl_buf_printf(b, "%s%zu %s", first ? "" : ", ", counts[s],
                          pl_severity_name((pl_severity)s));
            first = false;
        }
        pl_buf_puts(b, ")");
    }
    pl_buf_printf(b, " in %zu %s", r->ntargets, plural(r->ntargets, "file", "files"));
    if (r->nproblems)
        pl_buf_printf(b, ", %zu %s", r->nproblems, plural(r->nproblems, "error", "errors"));
    if (suppressed)
        pl_buf_printf(b, ", %zu suppressed", suppressed);
    if (r->nnotes)
        pl_buf_printf(b, ", %zu %s", r->nnotes, plural(r->nnotes, "note", "notes"));
    pl_buf_printf(b, "; failing at >= %s\n", pl_severity_name(o->fail_on));
}

void pl_report_text(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    bool color = o->color;
    entry *e;
    size_t n = collect_entries(r, o->show_suppressed, &e);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp0(e[i - 1].path, e[i].path) != 0) {
            if (i > 0)
                pl_buf_puts(out, "\n");
            if (color)
                pl_buf_puts(out, SGR_BOLD);
            pl_report_escape(out, e[i].path ? e[i].path : "plimsoll");
            if (color)
                pl_buf_puts(out, SGR_RESET);
            pl_buf_puts(out, "\n");
        }
        if (e[i].kind == ENTRY_PROBLEM)
            put_problem(out, &r->problems[e[i].index], color);
        else if (e[i].kind == ENTRY_NOTE)
            put_note(out, &r->notes[e[i].index], color);
        else
            put_finding(out, &r->findings[e[i].index], color);
    }
    free(e);
    if (!o->quiet) {
        if (n)
            pl_buf_puts(out, "\n");
        put_summary(out, r, o);
    }
}
