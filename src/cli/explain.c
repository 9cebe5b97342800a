/* explain.c — one rule, fully described: `rules --explain ID` for a terminal and
 * `rules --markdown ID` for its reference page (docs/rules/ID.md).
 *
 * Examples are not written by hand: they are the rule's own fixtures, run through the
 * rule, so a page can never show a finding the rule does not make. A rule's
 * tests/ID/before.* and after.* fixtures are its before-and-after example; without
 * them, the first fixture on which the rule reports is the failing example and the first
 * on which it reports nothing the passing one. Text from policy files is escaped for the
 * terminal; pages are generated from the built-in bundle, whose text is ours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/report.h"
#include "plimsoll/worker.h"

#include "cli.h"

typedef struct example {
    const pl_bundle_file *file;
    pl_results res; /* the rule's findings on it */
    bool paired;    /* before.* / after.*, written as the rule's example */
} example;

/* "tests/ID/before.Dockerfile" -> true for stem "before" */
static bool has_stem(const char *path, const char *stem) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(stem);
    return strncmp(base, stem, n) == 0 && base[n] == '.';
}

static bool ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A fixture of the rule, as `plimsoll test` counts them: sidecars (expectations, ignore
 * files, Lua test cases) are not. */
static bool is_fixture_of(const char *path, const char *local) {
    size_t n = strlen(local);
    if (strncmp(path, "tests/", 6) != 0 || strncmp(path + 6, local, n) != 0 || path[6 + n] != '/')
        return false;
    return !ends_with(path, ".expect") && !ends_with(path, ".dockerignore") &&
           !ends_with(path, "_test.lua");
}

/* The ignore file BuildKit would use for fixture f, among the bundle's files, as `plimsoll
 * test` finds it on disk: `<fixture>.dockerignore`, else `.dockerignore` beside it. */
static void fixture_context(pl_arena *a, const pl_bundle_file *files, size_t n,
                            const pl_bundle_file *f, pl_context_source *src) {
    memset(src, 0, sizeof *src);
    const char *slash = strrchr(f->path, '/');
    src->dir = slash ? pl_arena_strndup(a, f->path, (size_t)(slash - f->path)) : ".";
    const char *want[2] = {pl_arena_printf(a, "%s.dockerignore", f->path),
                           pl_arena_printf(a, "%s/.dockerignore", src->dir)};
    for (int w = 0; w < 2 && !src->ignore_path; w++)
        for (size_t k = 0; k < n; k++)
            if (strcmp(files[k].path, want[w]) == 0) {
                src->ignore_path = files[k].path;
                src->ignore_text = files[k].data;
                src->ignore_len = files[k].len;
                break;
            }
}

/* Runs rule i on fixture f in a worker, under the deadline of po; false when it does not
 * parse or the rule errs on it (a rule that loops has no example). */
static bool run_on(pl_engine *e, size_t i, const pl_bundle_file *files, size_t nfiles,
                   const pl_bundle_file *f, const pl_pool_opts *po, pl_results *res) {
    pl_results_init(res);
    pl_arena a;
    pl_arena_init(&a);
    pl_doc_kind kind = cli_kind_of(f->path, f->data, f->len);
    pl_document *docs = NULL;
    size_t ndocs = 0;
    pl_error err = {0};
    const char *ids[] = {pl_engine_rule(e, i)->id};
    bool ok = kind != PL_DOC_UNKNOWN && pl_engine_select(e, ids, 1, &err) == 0 &&
              pl_document_load(&a, kind, f->path, f->data, f->len, NULL, &docs, &ndocs, &err) == 0;
    pl_context_source ctx;
    fixture_context(&a, files, nfiles, f, &ctx);
    for (size_t d = 0; ok && d < ndocs; d++) {
        pl_context_attach_text(&a, &docs[d], &ctx);
        pl_worker_evaluate(e, po, &docs[d], res);
    }
    pl_engine_select(e, NULL, 0, NULL);
    pl_arena_free(&a);
    pl_results_sort(res);
    /* a rule that errs or overruns the deadline on its own fixture is said, not hidden */
    cli_print_problems(res);
    return ok && res->nproblems == 0;
}

/* Finds the failing and passing examples of rule i: its before.* and after.* fixtures
 * when it has them (each used only if it does what its name says), else the first
 * fixture with findings and the first without. False when the rule failed on one of
 * the fixtures it was run on. */
static bool find_examples(pl_engine *e, size_t i, const pl_pool_opts *po, example *fail,
                          example *pass) {
    bool clean = true;
    size_t n;
    const pl_bundle_file *files = pl_engine_rule_files(e, i, &n);
    const char *id = pl_engine_rule(e, i)->id;
    const char *slash = strchr(id, '/');
    const char *local = slash ? slash + 1 : id;
    memset(fail, 0, sizeof *fail);
    memset(pass, 0, sizeof *pass);
    for (int round = 0; round < 2; round++) {
        for (size_t k = 0; k < n && (!fail->file || !pass->file); k++) {
            if (!is_fixture_of(files[k].path, local))
                continue;
            bool before = has_stem(files[k].path, "before"),
                 after = has_stem(files[k].path, "after");
            if (round == 0 && !before && !after)
                continue;
            pl_results res;
            bool ok = run_on(e, i, files, n, &files[k], po, &res);
            clean = clean && (ok || res.nproblems == 0);
            example *slot = !ok             ? NULL
                            : res.nfindings ? (fail->file ? NULL : fail)
                                            : (pass->file ? NULL : pass);
            if (slot && round == 0 && (slot == fail) != before)
                slot = NULL; /* an after.* that reports, a before.* that does not */
            if (slot) {
                slot->file = &files[k];
                slot->res = res;
                slot->paired = round == 0;
            } else {
                pl_results_free(&res);
            }
        }
    }
    return clean;
}

static void example_free(example *x) {
    if (x->file)
        pl_results_free(&x->res);
}

static const char *lang_of(const char *path) {
    size_t n = strlen(path);
    return n > 5 && strcmp(path + n - 5, ".json") == 0 ? "json" : "dockerfile";
}

/* ---- terminal -------------------------------------------------------------------- */

static void put_esc(pl_buf *b, const char *s, size_t n) {
    char *t = strndup(s, n);
    if (!t)
        abort();
    pl_report_escape(b, t);
    free(t);
}

static void text_example(pl_buf *b, const example *x, const char *what) {
    pl_buf_printf(b, "\n%s: ", what);
    pl_report_escape(b, x->file->path);
    pl_buf_printf(b, " (%zu finding%s)\n", x->res.nfindings, x->res.nfindings == 1 ? "" : "s");
    const char *p = x->file->data, *end = p + x->file->len;
    for (int line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
        bool hit = false;
        for (size_t f = 0; f < x->res.nfindings; f++)
            hit = hit || (line >= x->res.findings[f].line && line <= x->res.findings[f].end_line);
        pl_buf_printf(b, "  %s %4d | ", hit ? ">" : " ", line);
        put_esc(b, p, k);
        pl_buf_puts(b, "\n");
        for (size_t f = 0; f < x->res.nfindings; f++) {
            if (x->res.findings[f].line == line) {
                pl_buf_puts(b, "         ^ ");
                pl_report_escape(b, x->res.findings[f].message);
                pl_buf_puts(b, "\n");
            }
        }
        p = nl ? nl + 1 : end;
    }
    for (size_t f = 0; f < x->res.nfindings; f++) {
        if (x->res.findings[f].line == 0) {
            pl_buf_puts(b, "         (no line) ");
            pl_report_escape(b, x->res.findings[f].message);
            pl_buf_puts(b, "\n");
        }
    }
}

static void text_page(pl_buf *b, const pl_rule_meta *m, const pl_rule_extra *x, const example *fail,
                      const example *pass) {
    pl_report_escape(b, m->id);
    pl_buf_puts(b, ": ");
    pl_report_escape(b, m->title);
    pl_buf_printf(b, "\n\nseverity: %s\ninput:    ", pl_severity_name(m->severity));
    pl_report_escape(b, m->input);
    pl_buf_puts(b, "\npreset:   ");
    pl_report_escape(b, x->preset ? x->preset : "default");
    pl_buf_puts(b, "\naliases:  ");
    for (size_t i = 0; i < m->naliases; i++) {
        if (i)
            pl_buf_puts(b, ", ");
        pl_report_escape(b, m->aliases[i]);
    }
    if (!m->naliases)
        pl_buf_puts(b, "(none)");
    pl_buf_puts(b, "\nbundle:   ");
    pl_report_escape(b, m->bundle);
    pl_buf_puts(b, " (");
    pl_report_escape(b, m->file);
    pl_buf_puts(b, ")\n\nparameters:");
    if (!x->nparams)
        pl_buf_puts(b, " (none)");
    pl_buf_puts(b, "\n");
    for (size_t i = 0; i < x->nparams; i++) {
        const pl_rule_param *p = &x->params[i];
        pl_buf_puts(b, "  ");
        pl_report_escape(b, p->name);
        pl_buf_puts(b, " (");
        pl_report_escape(b, p->type ? p->type : "untyped");
        if (p->default_text) {
            pl_buf_puts(b, ", default ");
            pl_report_escape(b, p->default_text);
        }
        pl_buf_puts(b, ")");
        if (p->description) {
            pl_buf_puts(b, ": ");
            pl_report_escape(b, p->description);
        }
        pl_buf_puts(b, "\n");
    }
    if (m->help && *m->help) {
        pl_buf_puts(b, "\n");
        for (const char *s = m->help; *s;) {
            const char *nl = strchr(s, '\n');
            size_t k = nl ? (size_t)(nl - s) : strlen(s);
            put_esc(b, s, k);
            pl_buf_puts(b, "\n");
            s += k + (nl != NULL);
        }
    }
    if (fail->file)
        text_example(b, fail, fail->paired ? "before" : "example");
    else
        pl_buf_puts(b, "\nexample: (none: the bundle has no fixture on which this rule reports)\n");
    if (pass->file && pass->paired)
        text_example(b, pass, "after");
}

/* ---- Markdown -------------------------------------------------------------------- */

/* Table cells: no newlines, pipes escaped. */
static void md_cell(pl_buf *b, const char *s) {
    for (; s && *s; s++) {
        if (*s == '|')
            pl_buf_puts(b, "\\|");
        else if (*s == '\n' || *s == '\r')
            pl_buf_puts(b, " ");
        else
            pl_buf_append(b, s, 1);
    }
}

static void md_example(pl_buf *b, const example *x, const char *title) {
    pl_buf_printf(b, "\n## %s\n\n`%s`", title, x->file->path);
    if (x->res.nfindings)
        pl_buf_printf(b, " — %zu finding%s", x->res.nfindings, x->res.nfindings == 1 ? "" : "s");
    pl_buf_printf(b, ":\n\n```%s\n", lang_of(x->file->path));
    pl_buf_append(b, x->file->data, x->file->len);
    if (x->file->len && x->file->data[x->file->len - 1] != '\n')
        pl_buf_puts(b, "\n");
    pl_buf_puts(b, "```\n");
    if (x->res.nfindings) {
        pl_buf_puts(b, "\n");
        for (size_t f = 0; f < x->res.nfindings; f++) {
            if (x->res.findings[f].line)
                pl_buf_printf(b, "- line %d: ", x->res.findings[f].line);
            else
                pl_buf_puts(b, "- (whole file): ");
            md_cell(b, x->res.findings[f].message);
            pl_buf_puts(b, "\n");
        }
    }
}

static void md_page(pl_buf *b, const pl_rule_meta *m, const pl_rule_extra *x, const example *fail,
                    const example *pass) {
    pl_buf_puts(b, "<!-- generated by scripts/gen-rule-docs.sh from the rule and its fixtures; "
                   "do not edit -->\n# ");
    md_cell(b, m->title);
    pl_buf_printf(b,
                  "\n\n| | |\n| --- | --- |\n| id | `%s` |\n| severity | %s |\n| preset | %s |\n"
                  "| input | %s |\n| aliases | ",
                  m->id, pl_severity_name(m->severity), x->preset ? x->preset : "default",
                  m->input);
    for (size_t i = 0; i < m->naliases; i++) {
        pl_buf_puts(b, i ? ", `" : "`");
        md_cell(b, m->aliases[i]);
        pl_buf_puts(b, "`");
    }
    if (!m->naliases)
        pl_buf_puts(b, "none");
    pl_buf_puts(b, " |\n| source | `");
    md_cell(b, m->file);
    pl_buf_puts(b, "` |\n\n## Parameters\n\n");
    if (!x->nparams) {
        pl_buf_puts(b, "None.\n");
    } else {
        pl_buf_puts(b, "| name | type | default | description |\n| --- | --- | --- | --- |\n");
        for (size_t i = 0; i < x->nparams; i++) {
            const pl_rule_param *p = &x->params[i];
            pl_buf_puts(b, "| `");
            md_cell(b, p->name);
            pl_buf_puts(b, "` | ");
            md_cell(b, p->type ? p->type : "");
            pl_buf_puts(b, " | ");
            if (p->default_text) {
                pl_buf_puts(b, "`");
                md_cell(b, p->default_text);
                pl_buf_puts(b, "`");
            }
            pl_buf_puts(b, " | ");
            md_cell(b, p->description ? p->description : "");
            pl_buf_puts(b, " |\n");
        }
    }
    pl_buf_puts(b, "\n## Why, and how to fix it\n\n");
    if (m->help && *m->help) {
        pl_buf_puts(b, m->help);
        if (m->help[strlen(m->help) - 1] != '\n')
            pl_buf_puts(b, "\n");
    } else {
        pl_buf_puts(b, "(The rule has no help text.)\n");
    }
    if (fail->file)
        md_example(b, fail, fail->paired ? "Before" : "Failing example");
    if (pass->file)
        md_example(b, pass, pass->paired ? "After" : "Passing example");
}

int cli_describe_rule(pl_engine *e, size_t i, bool markdown, const pl_pool_opts *po, pl_buf *out) {
    const pl_rule_meta *m = pl_engine_rule(e, i);
    if (!m)
        return -1;
    pl_rule_extra x;
    pl_error err = {0};
    if (pl_engine_rule_extra(e, i, &x, &err) != 0) {
        cli_print_error(&err, m->id);
        pl_rule_extra_free(&x);
        return -1;
    }
    example fail, pass;
    bool clean = find_examples(e, i, po, &fail, &pass);
    if (markdown)
        md_page(out, m, &x, &fail, &pass);
    else
        text_page(out, m, &x, &fail, &pass);
    example_free(&fail);
    example_free(&pass);
    pl_rule_extra_free(&x);
    return clean ? 0 : -1;
}
