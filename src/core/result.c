/* result.c — collecting rules, targets, findings, verdicts and problems, and deciding
 * the exit status.
 *
 * Results own copies of every string so they outlive the documents and Lua states that
 * produced them. Sorting happens once, before reporting, so the report is the same
 * whatever order files were found or evaluated in. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/result.h"

static const char *const severity_names[] = {"info", "low", "medium", "high", "critical"};

const char *pl_severity_name(pl_severity s) {
    return (unsigned)s < 5 ? severity_names[s] : "unknown";
}

int pl_severity_parse(const char *s, pl_severity *out) {
    for (int i = 0; i < 5; i++) {
        if (s && strcmp(s, severity_names[i]) == 0) {
            *out = (pl_severity)i;
            return 0;
        }
    }
    return -1;
}

const char *pl_verdict_status_name(pl_verdict_status s) {
    switch (s) {
    case PL_VERDICT_PASS: return "pass";
    case PL_VERDICT_FAIL: return "fail";
    case PL_VERDICT_ERROR: return "error";
    case PL_VERDICT_SKIP: return "skip";
    }
    return "unknown";
}

static char *dup(const char *s) {
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        pl_out_of_memory();
    return p;
}

/* Grows an array of items of the given size; out of memory ends the process, as in the arena. */
static void *grow(void *items, size_t *cap, size_t len, size_t size) {
    if (len < *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(items, ncap * size);
    if (!p)
        pl_out_of_memory();
    *cap = ncap;
    return p;
}

void pl_results_init(pl_results *r) {
    memset(r, 0, sizeof *r);
}

void pl_results_free(pl_results *r) {
    for (size_t i = 0; i < r->nrules; i++) {
        pl_rule_meta *m = &r->rules[i];
        free(m->id), free(m->disabled_reason), free(m->title), free(m->input), free(m->help),
            free(m->bundle), free(m->file);
        for (size_t j = 0; j < m->naliases; j++)
            free(m->aliases[j]);
        free(m->aliases);
        for (size_t j = 0; j < m->nparams; j++)
            free(m->params[j].name), free(m->params[j].type), free(m->params[j].description),
                free(m->params[j].default_json), free(m->params[j].value_json);
        free(m->params);
        free(m->preset);
    }
    for (size_t i = 0; i < r->ntargets; i++)
        free(r->targets[i].path), free(r->targets[i].kind), free(r->targets[i].status);
    for (size_t i = 0; i < r->nfindings; i++) {
        pl_finding *f = &r->findings[i];
        free(f->rule), free(f->message), free(f->path), free(f->pointer), free(f->fingerprint);
        free(f->suppressed_kind), free(f->suppressed_reason), free(f->suppressed_source);
    }
    for (size_t i = 0; i < r->nverdicts; i++)
        free(r->verdicts[i].rule), free(r->verdicts[i].path), free(r->verdicts[i].message);
    for (size_t i = 0; i < r->nproblems; i++)
        free(r->problems[i].path), free(r->problems[i].rule), free(r->problems[i].message);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i].path), free(r->notes[i].rule), free(r->notes[i].message);
    free(r->rules), free(r->targets), free(r->findings), free(r->verdicts), free(r->problems);
    free(r->notes);
    memset(r, 0, sizeof *r);
}

void pl_results_add_rule(pl_results *r, const pl_rule_meta *m) {
    r->rules = grow(r->rules, &r->rules_cap, r->nrules, sizeof *r->rules);
    pl_rule_meta *d = &r->rules[r->nrules++];
    d->id = dup(m->id);
    d->title = dup(m->title);
    d->severity = m->severity;
    d->input = dup(m->input);
    d->help = dup(m->help);
    d->bundle = dup(m->bundle);
    d->file = dup(m->file);
    d->naliases = m->naliases;
    d->aliases = NULL;
    if (m->naliases) {
        d->aliases = calloc(m->naliases, sizeof *d->aliases);
        if (!d->aliases)
            pl_out_of_memory();
        for (size_t i = 0; i < m->naliases; i++)
            d->aliases[i] = dup(m->aliases[i]);
    }
    d->nparams = m->nparams;
    d->params = NULL;
    if (m->nparams) {
        d->params = calloc(m->nparams, sizeof *d->params);
        if (!d->params)
            pl_out_of_memory();
        for (size_t i = 0; i < m->nparams; i++) {
            const pl_param_meta *p = &m->params[i];
            d->params[i] = (pl_param_meta){dup(p->name), dup(p->type), dup(p->description),
                                           dup(p->default_json), dup(p->value_json)};
        }
    }
    d->preset = dup(m->preset);
    d->disabled = m->disabled;
    d->disabled_reason = dup(m->disabled_reason);
}

void pl_results_add_target(pl_results *r, const char *path, const char *kind, const char *status) {
    r->targets = grow(r->targets, &r->targets_cap, r->ntargets, sizeof *r->targets);
    pl_target_result *t = &r->targets[r->ntargets++];
    t->path = dup(path);
    t->kind = dup(kind);
    t->status = dup(status);
}

void pl_results_add_finding(pl_results *r, const pl_finding *f) {
    r->findings = grow(r->findings, &r->findings_cap, r->nfindings, sizeof *r->findings);
    pl_finding *d = &r->findings[r->nfindings++];
    *d = *f;
    d->rule = dup(f->rule);
    d->message = dup(f->message);
    d->path = dup(f->path);
    d->pointer = dup(f->pointer);
    d->suppressed_kind = dup(f->suppressed_kind);
    d->suppressed_reason = dup(f->suppressed_reason);
    d->suppressed_source = dup(f->suppressed_source);
    d->fingerprint = f->fingerprint ? dup(f->fingerprint)
                                    : pl_fingerprint(f->rule, f->path, f->message, f->pointer);
}

void pl_results_add_verdict(pl_results *r, const char *rule, const char *path,
                            pl_verdict_status status, const char *message, size_t nfindings) {
    if (status == PL_VERDICT_PASS && r->count_passes) {
        r->npassed++;
        return;
    }
    r->verdicts = grow(r->verdicts, &r->verdicts_cap, r->nverdicts, sizeof *r->verdicts);
    pl_verdict *v = &r->verdicts[r->nverdicts++];
    v->rule = dup(rule);
    v->path = dup(path);
    v->status = status;
    v->message = dup(message);
    v->nfindings = nfindings;
}

void pl_results_add_problem(pl_results *r, const char *path, int line, int column, const char *rule,
                            const char *message) {
    r->problems = grow(r->problems, &r->problems_cap, r->nproblems, sizeof *r->problems);
    pl_problem *p = &r->problems[r->nproblems++];
    p->path = dup(path);
    p->line = line;
    p->column = column;
    p->rule = dup(rule);
    p->message = dup(message);
}

void pl_results_add_note(pl_results *r, const char *path, int line, int column, const char *rule,
                         const char *message) {
    r->notes = grow(r->notes, &r->notes_cap, r->nnotes, sizeof *r->notes);
    pl_note *n = &r->notes[r->nnotes++];
    n->path = dup(path);
    n->line = line;
    n->column = column;
    n->rule = dup(rule);
    n->message = dup(message);
}

void pl_finding_suppress(pl_finding *f, const char *kind, const char *reason, const char *source) {
    free(f->suppressed_kind), free(f->suppressed_reason), free(f->suppressed_source);
    f->suppressed_kind = dup(kind);
    f->suppressed_reason = dup(reason);
    f->suppressed_source = dup(source);
}

size_t pl_results_active_findings(const pl_results *r) {
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += r->findings[i].suppressed_kind == NULL;
    return n;
}

/* NULL sorts before any string, so file-less problems come first. */
static int strcmp0(const char *a, const char *b) {
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_int(int a, int b) {
    return (a > b) - (a < b);
}

static int cmp_finding(const void *pa, const void *pb) {
    const pl_finding *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->path, b->path)) || (c = cmp_int(a->line, b->line)) ||
        (c = cmp_int(a->column, b->column)) || (c = strcmp0(a->rule, b->rule)) ||
        (c = strcmp0(a->message, b->message)) || (c = strcmp0(a->pointer, b->pointer)) ||
        (c = cmp_int(a->end_line, b->end_line)) || (c = cmp_int(a->severity, b->severity)) ||
        (c = strcmp0(a->fingerprint, b->fingerprint)))
        return c;
    return 0;
}

static int cmp_verdict(const void *pa, const void *pb) {
    const pl_verdict *a = pa, *b = pb;
    int c;
    /* an image file with several images gives one verdict per image under one path */
    if ((c = strcmp0(a->path, b->path)) || (c = strcmp0(a->rule, b->rule)) ||
        (c = cmp_int(a->status, b->status)) || (c = strcmp0(a->message, b->message)) ||
        (c = (a->nfindings > b->nfindings) - (a->nfindings < b->nfindings)))
        return c;
    return 0;
}

static int cmp_problem(const void *pa, const void *pb) {
    const pl_problem *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->path, b->path)) || (c = cmp_int(a->line, b->line)) ||
        (c = cmp_int(a->column, b->column)) || (c = strcmp0(a->rule, b->rule)) ||
        (c = strcmp0(a->message, b->message)))
        return c;
    return 0;
}

static int cmp_note(const void *pa, const void *pb) {
    const pl_note *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->path, b->path)) || (c = cmp_int(a->line, b->line)) ||
        (c = cmp_int(a->column, b->column)) || (c = strcmp0(a->rule, b->rule)) ||
        (c = strcmp0(a->message, b->message)))
        return c;
    return 0;
}

static int cmp_target(const void *pa, const void *pb) {
    const pl_target_result *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->path, b->path)) || (c = strcmp0(a->kind, b->kind)) ||
        (c = strcmp0(a->status, b->status)))
        return c;
    return 0;
}

static int cmp_rule(const void *pa, const void *pb) {
    const pl_rule_meta *a = pa, *b = pb;
    return strcmp0(a->id, b->id);
}

void pl_results_sort(pl_results *r) {
    /* qsort is not stable; every comparator above is total over the reported fields, so
     * equal elements are identical in every report. */
    if (r->nfindings)
        qsort(r->findings, r->nfindings, sizeof *r->findings, cmp_finding);
    if (r->nverdicts)
        qsort(r->verdicts, r->nverdicts, sizeof *r->verdicts, cmp_verdict);
    if (r->nproblems)
        qsort(r->problems, r->nproblems, sizeof *r->problems, cmp_problem);
    if (r->nnotes)
        qsort(r->notes, r->nnotes, sizeof *r->notes, cmp_note);
    if (r->ntargets)
        qsort(r->targets, r->ntargets, sizeof *r->targets, cmp_target);
    if (r->nrules)
        qsort(r->rules, r->nrules, sizeof *r->rules, cmp_rule);
}

int pl_results_exit_code(const pl_results *r, pl_severity fail_on) {
    if (r->nproblems)
        return 2;
    for (size_t i = 0; i < r->nverdicts; i++)
        if (r->verdicts[i].status == PL_VERDICT_ERROR)
            return 2;
    for (size_t i = 0; i < r->nfindings; i++)
        if (r->findings[i].severity >= fail_on && !r->findings[i].suppressed_kind)
            return 1;
    return 0;
}

/* FNV-1a over the parts with separators: cheap, stable across platforms, and enough to
 * tell findings apart within one project (it is an identity, not a security hash). */
static uint64_t fnv(uint64_t h, const char *s) {
    if (s)
        for (; *s; s++)
            h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0x1f) * 1099511628211ULL;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* FNV-1a of text with white space folded: runs of blanks and line continuations (a
 * backslash, or a backtick for a Windows escape, then a newline) count as one space, and
 * leading and trailing blanks none, so re-indenting or re-wrapping an instruction keeps
 * its fingerprint. */
static uint64_t fnv_folded(uint64_t h, const char *s) {
    bool pending = false, started = false;
    for (; s && *s; s++) {
        if ((*s == '\\' || *s == '`') && (s[1] == '\n' || (s[1] == '\r' && s[2] == '\n'))) {
            pending = started;
            s += s[1] == '\r' ? 2 : 1;
            continue;
        }
        if (is_space(*s)) {
            pending = started;
            continue;
        }
        if (pending)
            h = (h ^ (unsigned char)' ') * 1099511628211ULL;
        pending = false, started = true;
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    }
    return (h ^ 0x1f) * 1099511628211ULL;
}

/* FNV-1a of a message with the numbers that follow "line " or "lines " left out: rules
 * name other lines ("already used on line 3"), and those move when lines are inserted
 * above without the finding changing. */
static uint64_t fnv_message(uint64_t h, const char *s) {
    for (const char *p = s; p && *p;) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        bool word = (p - s >= 4 && strncmp(p - 4, "line", 4) == 0 && p[0] == ' ') ||
                    (p - s >= 5 && strncmp(p - 5, "lines", 5) == 0 && p[0] == ' ');
        p++;
        if (word && *p >= '0' && *p <= '9')
            while (*p >= '0' && *p <= '9')
                p++;
    }
    return (h ^ 0x1f) * 1099511628211ULL;
}

char *pl_results_fingerprint(const pl_results *r, size_t i) {
    const pl_finding *f = &r->findings[i];
    const char *fp = f->fingerprint ? f->fingerprint : "";
    size_t n = 1;
    /* findings are sorted by path, so the same file's are just before this one */
    for (size_t k = i; k-- > 0 && strcmp0(r->findings[k].path, f->path) == 0;)
        if (r->findings[k].fingerprint && strcmp(r->findings[k].fingerprint, fp) == 0)
            n++;
    size_t len = strlen(fp) + 24;
    char *out = malloc(len);
    if (!out)
        pl_out_of_memory();
    snprintf(out, len, "%s:%zu", fp, n);
    return out;
}

char *pl_fingerprint(const char *rule, const char *path, const char *message,
                     const char *anchor_text) {
    uint64_t h = 1469598103934665603ULL;
    h = fnv(h, rule);
    h = fnv(h, path);
    h = fnv_message(h, message);
    h = fnv_folded(h, anchor_text);
    char *out = malloc(17);
    if (!out)
        pl_out_of_memory();
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return out;
}
