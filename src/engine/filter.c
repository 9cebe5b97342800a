/* filter.c — the stage between evaluation and reporting: inline suppression comments,
 * the configuration's exceptions, and the notes that keep both honest.
 *
 * A suppressed finding is kept and marked (kind, reason, source), never dropped, so a
 * report always shows what was waived and why. Suppressions are read from the model's
 * comments and directives (the parser already knows which lines are comments, heredoc
 * bodies excluded), and matched by rule id or alias so hadolint's and BuildKit's
 * annotations keep working for a team that migrates. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/config.h"

/* ---- glob ------------------------------------------------------------------------ */

/* Matches one segment (no '/') of pattern [p, pe) against [s, se). */
static bool match_segment(const char *p, const char *pe, const char *s, const char *se) {
    const char *star_p = NULL, *star_s = NULL;
    while (s < se) {
        if (p < pe && *p == '*') {
            star_p = ++p;
            star_s = s;
            continue;
        }
        if (p < pe && *p == '[') {
            const char *q = p + 1;
            bool neg = q < pe && (*q == '!' || *q == '^');
            if (neg)
                q++;
            bool hit = false;
            const char *start = q;
            while (q < pe && (*q != ']' || q == start)) {
                if (q + 2 < pe && q[1] == '-' && q[2] != ']') {
                    hit |= (unsigned char)*s >= (unsigned char)q[0] &&
                           (unsigned char)*s <= (unsigned char)q[2];
                    q += 3;
                } else {
                    hit |= *q == *s;
                    q++;
                }
            }
            if (q < pe && hit != neg) {
                p = q + 1;
                s++;
                continue;
            }
        } else if (p < pe && (*p == '?' || *p == *s)) {
            p++;
            s++;
            continue;
        }
        if (!star_p)
            return false;
        p = star_p;
        s = ++star_s;
    }
    while (p < pe && *p == '*')
        p++;
    return p == pe;
}

static bool match_from(const char *p, const char *s, int depth) {
    if (depth > 64)
        return false;
    for (;;) {
        const char *pe = strchr(p, '/');
        if (!pe)
            pe = p + strlen(p);
        if (pe - p == 2 && p[0] == '*' && p[1] == '*') {
            if (!*pe) /* trailing '**' matches everything below */
                return true;
            /* zero or more whole segments */
            for (const char *t = s;;) {
                if (match_from(pe + 1, t, depth + 1))
                    return true;
                const char *next = strchr(t, '/');
                if (!next)
                    return false;
                t = next + 1;
            }
        }
        const char *se = strchr(s, '/');
        if (!se)
            se = s + strlen(s);
        if (!match_segment(p, pe, s, se))
            return false;
        if (!*pe)
            return !*se;
        if (!*se)
            return false;
        p = pe + 1;
        s = se + 1;
    }
}

bool pl_glob_match(const char *pattern, const char *path) {
    if (!pattern || !path)
        return false;
    return match_from(pattern, path, 0);
}

/* ---- collecting inline suppressions ----------------------------------------------------- */

static const char *skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Splits "a,b , c" (up to end) into trimmed tokens in the arena. */
static size_t split_list(pl_arena *a, const char *s, const char *end, const char ***out) {
    size_t n = 0, cap = 0;
    const char **items = NULL;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *e = comma ? comma : end;
        const char *b = s;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        const char *t = e;
        while (t > b && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        if (t > b) {
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                const char **grown = pl_arena_alloc(a, cap * sizeof *grown);
                if (n)
                    memcpy(grown, items, n * sizeof *grown);
                items = grown;
            }
            items[n++] = pl_arena_strndup(a, b, (size_t)(t - b));
        }
        s = comma ? comma + 1 : end;
    }
    *out = items;
    return n;
}

static void push(pl_arena *a, pl_suppression_list *l, const pl_suppression *s) {
    pl_suppression *items = pl_arena_alloc(a, (l->n + 1) * sizeof *items);
    if (l->n)
        memcpy(items, l->items, l->n * sizeof *items);
    items[l->n] = *s;
    items[l->n].matched = pl_arena_alloc(a, (s->nrules ? s->nrules : 1) * sizeof(size_t));
    l->items = items;
    l->n++;
}

static void target_of(const pl_dockerfile *df, int line, pl_suppression *s) {
    for (size_t i = 0; i < df->ninstructions; i++) {
        if (df->instructions[i].line > line) {
            s->target_line = df->instructions[i].line;
            s->target_end_line = df->instructions[i].end_line;
            return;
        }
    }
}

/* text is the comment after '#', trimmed. Returns true when it is a suppression. */
static void parse_comment(pl_arena *a, const pl_dockerfile *df, int line, const char *text,
                          pl_suppression_list *out, pl_results *res) {
    pl_suppression s;
    memset(&s, 0, sizeof s);
    s.line = line;
    const char *p;
    if (strncmp(text, "plimsoll", 8) == 0 && (text[8] == ' ' || text[8] == '\t')) {
        s.origin = "plimsoll";
        p = skip_ws(text + 8);
        if (strncmp(p, "global", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
            s.global = true;
            p = skip_ws(p + 6);
        }
        if (strncmp(p, "ignore", 6) != 0)
            return; /* prose that starts with the word, not an annotation */
        p = skip_ws(p + 6);
        if (*p != '=') {
            pl_results_add_problem(res, df->path, line, 0, NULL,
                                   "a plimsoll ignore comment needs '=': "
                                   "# plimsoll ignore=RULE[,RULE] -- reason");
            return;
        }
        p++;
        const char *dash = strstr(p, "--");
        const char *end = dash ? dash : p + strlen(p);
        s.nrules = split_list(a, p, end, &s.rules);
        const char *reason = dash ? skip_ws(dash + 2) : "";
        /* "-- ." or a no-break space satisfies the syntax and says nothing */
        if (s.nrules == 0 || !pl_text_says_something(reason, strlen(reason))) {
            pl_results_add_problem(res, df->path, line, 0, NULL,
                                   s.nrules == 0 ? "a plimsoll ignore comment names no rule: "
                                                   "# plimsoll ignore=RULE[,RULE] -- reason"
                                                 : "a plimsoll ignore comment needs a reason in "
                                                   "words: # plimsoll ignore=RULE -- why it is "
                                                   "accepted");
            return;
        }
        s.reason = pl_arena_strdup(a, reason);
    } else if (strncmp(text, "hadolint", 8) == 0 && (text[8] == ' ' || text[8] == '\t')) {
        /* hadolint reads "ignore=DL3008,DL3015" up to the first space; no reason */
        s.origin = "hadolint";
        p = skip_ws(text + 8);
        if (strncmp(p, "global", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
            s.global = true;
            p = skip_ws(p + 6);
        }
        if (strncmp(p, "ignore=", 7) != 0)
            return;
        p += 7;
        const char *end = p;
        while (*end && *end != ' ' && *end != '\t')
            end++;
        s.nrules = split_list(a, p, end, &s.rules);
        if (s.nrules == 0)
            return;
    } else {
        return;
    }
    if (!s.global)
        target_of(df, line, &s);
    push(a, out, &s);
}

void pl_suppressions_collect(pl_arena *a, const pl_dockerfile *df, pl_suppression_list *out,
                             pl_results *res) {
    memset(out, 0, sizeof *out);
    if (!df)
        return;
    for (size_t i = 0; i < df->ndirectives; i++) {
        const pl_df_directive *d = &df->directives[i];
        if (!d->name || strcmp(d->name, "check") != 0 || !d->value)
            continue;
        /* BuildKit: # check=skip=A,B;error=true */
        const char *v = d->value;
        while (*v) {
            const char *semi = strchr(v, ';');
            const char *end = semi ? semi : v + strlen(v);
            const char *item = skip_ws(v);
            if (strncmp(item, "skip=", 5) == 0) {
                pl_suppression s;
                memset(&s, 0, sizeof s);
                s.origin = "buildkit";
                s.global = true;
                s.line = d->line;
                s.nrules = split_list(a, item + 5, end, &s.rules);
                if (s.nrules)
                    push(a, out, &s);
            }
            v = semi ? semi + 1 : end;
        }
    }
    for (size_t i = 0; i < df->ncomments; i++)
        if (df->comments[i].text)
            parse_comment(a, df, df->comments[i].line, df->comments[i].text, out, res);
}

/* ---- applying --------------------------------------------------------------------------- */

static bool token_matches(const pl_engine *e, const char *token, const char *rule, bool all_ok,
                          bool bare_ok) {
    if (all_ok && strcmp(token, "all") == 0)
        return true;
    /* by the finding's own rule: an alias shared by several rules suppresses each */
    if (pl_engine_rule_answers_to(e, rule, token))
        return true;
    /* plimsoll's own comments may leave the bundle out when one rule has that name; an
     * id or alias always wins over a bare id */
    if (!bare_ok || pl_engine_find_rule(e, token))
        return false;
    size_t n;
    const pl_rule_meta *m = pl_engine_find_bare(e, token, &n);
    return m && strcmp(m->id, rule) == 0;
}

/* Lexically normalised absolute path of p (relative to cwd). Heap string. */
static char *absolute(const char *p, const char *cwd) {
    pl_buf b;
    pl_buf_init(&b);
    if (p[0] != '/' && cwd)
        pl_buf_printf(&b, "%s/", cwd);
    pl_buf_puts(&b, p);
    char *in = pl_buf_take(&b);
    char *out = malloc(strlen(in) + 2);
    if (!out)
        abort();
    size_t n = 0;
    const char *s = in;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 0)
            break;
        if (len == 1 && s[0] == '.') {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else {
            out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        s += len;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = 0;
    free(in);
    return out;
}

/* The path relative to dir, or NULL when it is not below dir. */
static const char *below(const char *abs, const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 1 && dir[0] == '/')
        return abs + 1;
    if (strncmp(abs, dir, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    return NULL;
}

static bool exception_covers_path(const pl_config_exception *x, const char *rel) {
    if (x->npaths == 0)
        return true;
    if (!rel)
        return false;
    for (size_t i = 0; i < x->npaths; i++)
        if (pl_glob_match(x->paths[i], rel))
            return true;
    return false;
}

static const pl_df_stage *stage_at(const pl_document *doc, int line) {
    const pl_dockerfile *df = doc->dockerfile;
    if (!df || line <= 0)
        return NULL;
    for (size_t i = 0; i < df->nstages; i++)
        if (line >= df->stages[i].line && line <= df->stages[i].end_line)
            return &df->stages[i];
    return NULL;
}

static bool stage_matches(const pl_document *doc, const pl_finding *f, const char *want) {
    const pl_df_stage *st = stage_at(doc, f->line);
    if (!st)
        return false;
    if (st->name && strcmp(st->name, want) == 0)
        return true;
    char idx[24];
    snprintf(idx, sizeof idx, "%zu", (size_t)(st - doc->dockerfile->stages) + 1);
    return strcmp(idx, want) == 0;
}

static bool expired(const pl_config_exception *x, const char *today) {
    return x->expires && today && strcmp(x->expires, today) < 0;
}

void pl_filter_apply(pl_results *res, size_t first, const pl_document *doc, const pl_engine *e,
                     const pl_suppression_list *sup, pl_config *c, const char *today,
                     const char *cwd) {
    pl_filter_apply_range(res, first, res->nfindings, doc, e, sup, c, today, cwd);
}

void pl_filter_apply_range(pl_results *res, size_t first, size_t last, const pl_document *doc,
                           const pl_engine *e, const pl_suppression_list *sup, pl_config *c,
                           const char *today, const char *cwd) {
    char *abs = doc && doc->path ? absolute(doc->path, cwd) : NULL;
    const char *rel = abs && c && c->dir ? below(abs, c->dir) : NULL;
    bool *covers = NULL;
    if (c && c->nexceptions) {
        covers = calloc(c->nexceptions, sizeof *covers);
        if (!covers)
            abort();
        for (size_t k = 0; k < c->nexceptions; k++) {
            covers[k] = exception_covers_path(&c->exceptions[k], rel);
            c->exceptions[k].in_scope += covers[k];
        }
    }
    pl_buf src;
    pl_buf_init(&src);
    for (size_t i = first; i < last && i < res->nfindings; i++) {
        pl_finding *f = &res->findings[i];
        if (f->suppressed_kind)
            continue;
        for (size_t k = 0; sup && k < sup->n && !f->suppressed_kind; k++) {
            pl_suppression *s = &sup->items[k];
            if (!s->global &&
                (f->line <= 0 || f->line < s->target_line || f->line > s->target_end_line))
                continue;
            for (size_t t = 0; t < s->nrules; t++) {
                if (!token_matches(e, s->rules[t], f->rule, strcmp(s->origin, "buildkit") == 0,
                                   strcmp(s->origin, "plimsoll") == 0))
                    continue;
                s->matched[t]++;
                src.len = 0;
                pl_buf_printf(&src, "%s:%d", doc->path, s->line);
                pl_finding_suppress(f, "inline", s->reason ? s->reason : s->origin, src.data);
                break;
            }
        }
        for (size_t k = 0; c && k < c->nexceptions && !f->suppressed_kind; k++) {
            pl_config_exception *x = &c->exceptions[k];
            if (!covers[k] || expired(x, today))
                continue;
            if (strcmp(x->rule, "*") != 0 && !token_matches(e, x->rule, f->rule, false, false))
                continue;
            if (x->line && !(f->line > 0 && x->line >= f->line &&
                             x->line <= (f->end_line > f->line ? f->end_line : f->line)))
                continue;
            if (x->stage && !stage_matches(doc, f, x->stage))
                continue;
            x->matched++;
            src.len = 0;
            pl_buf_printf(&src, "%s:%d", c->path, x->pos.line);
            pl_finding_suppress(f, "exception", x->reason, src.data);
        }
    }
    pl_buf_free(&src);
    free(covers);
    free(abs);
}

/* The finding for a name in a plimsoll ignore that names no single rule: the comment
 * suppresses nothing, so the finding it was written for stays, and this one says why.
 * A finding, not an error: a Dockerfile may be checked with bundles that lack a rule. */
static void unresolved(const pl_engine *e, const pl_suppression *s, const char *tok, size_t nbare,
                       const char *path, pl_results *res) {
    pl_buf b;
    pl_buf_init(&b);
    if (nbare > 1) {
        pl_buf_printf(&b, "this ignore names '%s', the bare id of %zu rules (", tok, nbare);
        size_t k = 0;
        for (size_t i = 0; i < pl_engine_rule_count(e); i++) {
            const char *id = pl_engine_rule(e, i)->id, *slash = strrchr(id, '/');
            if (slash && strcmp(slash + 1, tok) == 0)
                pl_buf_printf(&b, "%s%s", k++ ? ", " : "", id);
        }
        pl_buf_puts(&b, "); write the full id of the one meant");
    } else {
        const char *near = pl_engine_suggest_rule(e, tok);
        pl_buf_printf(&b, "this ignore names '%s', which is no loaded rule's id or alias", tok);
        if (near)
            pl_buf_printf(&b, "; did you mean '%s'?", near);
        else
            pl_buf_puts(&b, " (plimsoll rules lists them)");
    }
    pl_finding f;
    memset(&f, 0, sizeof f);
    f.rule = (char *)PL_RULE_IGNORE_UNRESOLVED;
    f.severity = PL_SEV_MEDIUM;
    f.message = b.data;
    f.path = (char *)path;
    f.line = f.end_line = s->line;
    pl_results_add_finding(res, &f);
    pl_buf_free(&b);
    for (size_t i = 0; i < res->nrules; i++)
        if (strcmp(res->rules[i].id, PL_RULE_IGNORE_UNRESOLVED) == 0)
            return;
    pl_rule_meta m;
    memset(&m, 0, sizeof m);
    m.id = (char *)PL_RULE_IGNORE_UNRESOLVED;
    m.title = "An inline ignore names no loaded rule, or several";
    m.severity = PL_SEV_MEDIUM;
    m.input = "dockerfile";
    m.bundle = "plimsoll";
    m.preset = "default";
    pl_results_add_rule(res, &m);
}

void pl_suppressions_report_unused(const pl_suppression_list *sup, const char *path,
                                   const pl_engine *e, bool as_errors, pl_results *res) {
    pl_buf b;
    pl_buf_init(&b);
    for (size_t k = 0; sup && k < sup->n; k++) {
        const pl_suppression *s = &sup->items[k];
        for (size_t t = 0; t < s->nrules; t++) {
            if (s->matched[t])
                continue;
            const char *tok = s->rules[t];
            bool own = strcmp(s->origin, "plimsoll") == 0;
            const pl_rule_meta *m = pl_engine_find_rule(e, tok);
            size_t nbare = 0;
            if (!m && own)
                m = pl_engine_find_bare(e, tok, &nbare);
            if (m && m->disabled)
                continue; /* it cannot match while the rule does not run */
            if (strcmp(s->origin, "buildkit") == 0 && strcmp(tok, "all") == 0)
                continue;
            if (!m && own) {
                unresolved(e, s, tok, nbare, path, res);
                continue;
            }
            b.len = 0;
            if (!m)
                pl_buf_printf(&b,
                              "%s suppression of '%s' does nothing: no loaded rule has that "
                              "id or alias",
                              s->origin, tok);
            else
                pl_buf_printf(&b,
                              "%s suppression of '%s' matched no finding%s; remove it if it "
                              "is stale",
                              s->origin, tok, s->global ? " in this file" : "");
            if (as_errors)
                pl_results_add_problem(res, path, s->line, 0, m ? m->id : NULL, b.data);
            else
                pl_results_add_note(res, path, s->line, 0, m ? m->id : NULL, b.data);
        }
    }
    pl_buf_free(&b);
}

void pl_config_report_exceptions(const pl_config *c, const char *today, bool as_errors,
                                 pl_results *res) {
    if (!c)
        return;
    pl_buf b;
    pl_buf_init(&b);
    for (size_t k = 0; k < c->nexceptions; k++) {
        const pl_config_exception *x = &c->exceptions[k];
        b.len = 0;
        if (expired(x, today)) {
            pl_buf_printf(&b,
                          "exception for %s expired on %s and no longer applies (reason was: "
                          "%s)",
                          x->rule, x->expires, x->reason);
            pl_results_add_note(res, c->path, x->pos.line, x->pos.column, NULL, b.data);
        } else if (x->in_scope && !x->matched) {
            pl_buf_printf(&b, "exception for %s matched no finding; remove it if it is stale",
                          x->rule);
            if (as_errors)
                pl_results_add_problem(res, c->path, x->pos.line, x->pos.column, NULL, b.data);
            else
                pl_results_add_note(res, c->path, x->pos.line, x->pos.column, NULL, b.data);
        }
    }
    pl_buf_free(&b);
}
