/* json.c — the versioned, machine-readable report (schema in docs/json-report.md).
 *
 * Keys are inserted in a fixed order and arrays follow the results' order, so the same
 * results always give byte-identical output (CI systems diff and cache reports). Strings
 * from inputs and policies may hold bytes that are not UTF-8, which JSON cannot carry:
 * each such byte is written as the text `\xNN` (pl_utf8_escape_invalid), as in every
 * other output, instead of the field silently vanishing. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "plimsoll/report.h"

static json_t *jstr(const char *s) {
    if (!s)
        return json_null();
    size_t n = strlen(s);
    if (pl_utf8_valid(s, n))
        return json_stringn(s, n);
    /* not UTF-8: each stray byte becomes the visible escape \xNN (one scheme for every
     * output, docs/json-report.md) instead of the field silently vanishing */
    pl_buf b;
    pl_buf_init(&b);
    pl_utf8_escape_invalid(&b, s, n);
    json_t *j = json_stringn(b.data ? b.data : "", b.len);
    pl_buf_free(&b);
    return j;
}

static void set(json_t *obj, const char *key, json_t *value) {
    if (!value || json_object_set_new(obj, key, value) != 0)
        abort(); /* only on out of memory */
}

static void append(json_t *arr, json_t *value) {
    if (!value || json_array_append_new(arr, value) != 0)
        abort();
}

static json_t *rule_json(const pl_rule_meta *m) {
    json_t *o = json_object();
    set(o, "id", jstr(m->id));
    set(o, "title", jstr(m->title));
    set(o, "severity", json_string(pl_severity_name(m->severity)));
    set(o, "input", jstr(m->input));
    json_t *aliases = json_array();
    for (size_t i = 0; i < m->naliases; i++)
        append(aliases, jstr(m->aliases[i]));
    set(o, "aliases", aliases);
    set(o, "bundle", jstr(m->bundle));
    set(o, "preset", jstr(m->preset ? m->preset : "default"));
    if (m->disabled) {
        set(o, "enabled", json_false());
        if (m->disabled_reason)
            set(o, "disabled", jstr(m->disabled_reason));
    }
    return o;
}

static json_t *target_json(const pl_target_result *t) {
    json_t *o = json_object();
    set(o, "path", jstr(t->path));
    set(o, "kind", jstr(t->kind));
    set(o, "status", jstr(t->status));
    return o;
}

static json_t *finding_json(const pl_finding *f) {
    json_t *o = json_object();
    set(o, "rule", jstr(f->rule));
    set(o, "severity", json_string(pl_severity_name(f->severity)));
    set(o, "message", jstr(f->message));
    set(o, "path", jstr(f->path));
    set(o, "line", json_integer(f->line));
    set(o, "end_line", json_integer(f->end_line >= f->line ? f->end_line : f->line));
    if (f->column > 0)
        set(o, "column", json_integer(f->column));
    if (f->pointer)
        set(o, "pointer", jstr(f->pointer));
    set(o, "fingerprint", jstr(f->fingerprint));
    if (f->suppressed_kind) {
        json_t *s = json_object();
        set(s, "kind", jstr(f->suppressed_kind));
        set(s, "reason", jstr(f->suppressed_reason));
        set(s, "source", jstr(f->suppressed_source));
        set(o, "suppressed", s);
    }
    return o;
}

static json_t *note_json(const pl_note *n) {
    json_t *o = json_object();
    set(o, "path", jstr(n->path));
    set(o, "line", json_integer(n->line));
    set(o, "column", json_integer(n->column));
    if (n->rule)
        set(o, "rule", jstr(n->rule));
    set(o, "message", jstr(n->message));
    return o;
}

static json_t *verdict_json(const pl_verdict *v) {
    json_t *o = json_object();
    set(o, "rule", jstr(v->rule));
    set(o, "path", jstr(v->path));
    set(o, "status", json_string(pl_verdict_status_name(v->status)));
    set(o, "findings", json_integer((json_int_t)v->nfindings));
    if (v->message)
        set(o, "message", jstr(v->message));
    return o;
}

static json_t *problem_json(const pl_problem *p) {
    json_t *o = json_object();
    set(o, "path", jstr(p->path));
    set(o, "line", json_integer(p->line));
    set(o, "column", json_integer(p->column));
    if (p->rule)
        set(o, "rule", jstr(p->rule));
    set(o, "message", jstr(p->message));
    return o;
}

static json_t *summary_json(const pl_results *r, const pl_report_opts *o) {
    size_t counts[PL_SEV_CRITICAL + 1] = {0};
    size_t suppressed = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        if (r->findings[i].suppressed_kind)
            suppressed++;
        else if ((unsigned)r->findings[i].severity <= PL_SEV_CRITICAL)
            counts[r->findings[i].severity]++;
    }
    json_t *s = json_object();
    set(s, "findings", json_integer((json_int_t)(r->nfindings - suppressed)));
    for (int sev = PL_SEV_CRITICAL; sev >= PL_SEV_INFO; sev--)
        set(s, pl_severity_name((pl_severity)sev), json_integer((json_int_t)counts[sev]));
    set(s, "files", json_integer((json_int_t)r->ntargets));
    set(s, "errors", json_integer((json_int_t)r->nproblems));
    set(s, "suppressed", json_integer((json_int_t)suppressed));
    set(s, "notes", json_integer((json_int_t)r->nnotes));
    size_t by_status[PL_VERDICT_SKIP + 1] = {0};
    for (size_t i = 0; i < r->nverdicts; i++)
        if ((unsigned)r->verdicts[i].status <= PL_VERDICT_SKIP)
            by_status[r->verdicts[i].status]++;
    json_t *v = json_object();
    by_status[PL_VERDICT_PASS] += r->npassed;
    for (int st = PL_VERDICT_PASS; st <= PL_VERDICT_SKIP; st++)
        set(v, pl_verdict_status_name((pl_verdict_status)st), json_integer((json_int_t)by_status[st]));
    set(s, "verdicts", v);
    set(s, "fail_on", json_string(pl_severity_name(o->fail_on)));
    set(s, "exit_code", json_integer(pl_results_exit_code(r, o->fail_on)));
    return s;
}

void pl_report_json(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    json_t *root = json_object();
    set(root, "version", json_integer(PL_JSON_REPORT_VERSION));
    json_t *tool = json_object();
    set(tool, "name", json_string("plimsoll"));
    set(tool, "version", json_string(PL_VERSION));
    set(root, "tool", tool);

    json_t *a = json_array();
    for (size_t i = 0; i < r->nrules; i++)
        append(a, rule_json(&r->rules[i]));
    set(root, "rules", a);
    a = json_array();
    for (size_t i = 0; i < r->ntargets; i++)
        append(a, target_json(&r->targets[i]));
    set(root, "targets", a);
    a = json_array();
    for (size_t i = 0; i < r->nfindings; i++)
        append(a, finding_json(&r->findings[i]));
    set(root, "findings", a);
    a = json_array();
    /* pass is the common case (every rule that found nothing, on every file): listing it
     * made nine tenths of a large report. Only the other verdicts are listed; passes are
     * counted in the summary. */
    for (size_t i = 0; i < r->nverdicts; i++)
        if (r->verdicts[i].status != PL_VERDICT_PASS)
            append(a, verdict_json(&r->verdicts[i]));
    set(root, "verdicts", a);
    a = json_array();
    for (size_t i = 0; i < r->nproblems; i++)
        append(a, problem_json(&r->problems[i]));
    set(root, "errors", a);
    a = json_array();
    for (size_t i = 0; i < r->nnotes; i++)
        append(a, note_json(&r->notes[i]));
    set(root, "notes", a);
    set(root, "summary", summary_json(r, o));

    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        abort();
    pl_buf_puts(out, text);
    pl_buf_puts(out, "\n");
    free(text);
}
