/* json.c — the versioned, machine-readable report (schema in docs/json-report.md).
 *
 * Keys are inserted in a fixed order and arrays follow the results' order, so the same
 * results always give byte-identical output (CI systems diff and cache reports). Strings
 * from inputs and policies may hold bytes that are not UTF-8, which JSON cannot carry:
 * each such byte is written as the text `\xNN` (pl_rep_jstr), as in every other output,
 * instead of the field silently vanishing. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report_internal.h"

static json_t *rule_json(const pl_rule_meta *m) {
    json_t *o = json_object();
    pl_rep_set(o, "id", pl_rep_jstr(m->id));
    pl_rep_set(o, "title", pl_rep_jstr(m->title));
    pl_rep_set(o, "severity", json_string(pl_severity_name(m->severity)));
    pl_rep_set(o, "input", pl_rep_jstr(m->input));
    json_t *aliases = json_array();
    for (size_t i = 0; i < m->naliases; i++)
        pl_rep_append(aliases, pl_rep_jstr(m->aliases[i]));
    pl_rep_set(o, "aliases", aliases);
    pl_rep_set(o, "bundle", pl_rep_jstr(m->bundle));
    pl_rep_set(o, "preset", pl_rep_jstr(m->preset ? m->preset : "default"));
    if (m->disabled) {
        pl_rep_set(o, "enabled", json_false());
        if (m->disabled_reason)
            pl_rep_set(o, "disabled", pl_rep_jstr(m->disabled_reason));
    }
    return o;
}

static json_t *target_json(const pl_target_result *t) {
    json_t *o = json_object();
    pl_rep_set(o, "path", pl_rep_jstr(t->path));
    pl_rep_set(o, "kind", pl_rep_jstr(t->kind));
    pl_rep_set(o, "status", pl_rep_jstr(t->status));
    return o;
}

static json_t *finding_json(const pl_finding *f) {
    json_t *o = json_object();
    pl_rep_set(o, "rule", pl_rep_jstr(f->rule));
    pl_rep_set(o, "severity", json_string(pl_severity_name(f->severity)));
    pl_rep_set(o, "message", pl_rep_jstr(f->message));
    pl_rep_set(o, "path", pl_rep_jstr(f->path));
    pl_rep_set(o, "line", json_integer(f->line));
    pl_rep_set(o, "end_line", json_integer(f->end_line >= f->line ? f->end_line : f->line));
    if (f->column > 0)
        pl_rep_set(o, "column", json_integer(f->column));
    if (f->pointer)
        pl_rep_set(o, "pointer", pl_rep_jstr(f->pointer));
    pl_rep_set(o, "fingerprint", pl_rep_jstr(f->fingerprint));
    if (f->suppressed_kind) {
        json_t *s = json_object();
        pl_rep_set(s, "kind", pl_rep_jstr(f->suppressed_kind));
        pl_rep_set(s, "reason", pl_rep_jstr(f->suppressed_reason));
        pl_rep_set(s, "source", pl_rep_jstr(f->suppressed_source));
        pl_rep_set(o, "suppressed", s);
    }
    return o;
}

static json_t *note_json(const pl_note *n) {
    json_t *o = json_object();
    pl_rep_set(o, "path", pl_rep_jstr(n->path));
    pl_rep_set(o, "line", json_integer(n->line));
    pl_rep_set(o, "column", json_integer(n->column));
    if (n->rule)
        pl_rep_set(o, "rule", pl_rep_jstr(n->rule));
    pl_rep_set(o, "message", pl_rep_jstr(n->message));
    return o;
}

static json_t *verdict_json(const pl_verdict *v) {
    json_t *o = json_object();
    pl_rep_set(o, "rule", pl_rep_jstr(v->rule));
    pl_rep_set(o, "path", pl_rep_jstr(v->path));
    pl_rep_set(o, "status", json_string(pl_verdict_status_name(v->status)));
    pl_rep_set(o, "findings", json_integer((json_int_t)v->nfindings));
    if (v->message)
        pl_rep_set(o, "message", pl_rep_jstr(v->message));
    return o;
}

static json_t *problem_json(const pl_problem *p) {
    json_t *o = json_object();
    pl_rep_set(o, "path", pl_rep_jstr(p->path));
    pl_rep_set(o, "line", json_integer(p->line));
    pl_rep_set(o, "column", json_integer(p->column));
    if (p->rule)
        pl_rep_set(o, "rule", pl_rep_jstr(p->rule));
    pl_rep_set(o, "message", pl_rep_jstr(p->message));
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
    pl_rep_set(s, "findings", json_integer((json_int_t)(r->nfindings - suppressed)));
    for (int sev = PL_SEV_CRITICAL; sev >= PL_SEV_INFO; sev--)
        pl_rep_set(s, pl_severity_name((pl_severity)sev), json_integer((json_int_t)counts[sev]));
    pl_rep_set(s, "files", json_integer((json_int_t)r->ntargets));
    pl_rep_set(s, "errors", json_integer((json_int_t)r->nproblems));
    pl_rep_set(s, "suppressed", json_integer((json_int_t)suppressed));
    pl_rep_set(s, "notes", json_integer((json_int_t)r->nnotes));
    size_t by_status[PL_VERDICT_SKIP + 1] = {0};
    for (size_t i = 0; i < r->nverdicts; i++)
        if ((unsigned)r->verdicts[i].status <= PL_VERDICT_SKIP)
            by_status[r->verdicts[i].status]++;
    json_t *v = json_object();
    by_status[PL_VERDICT_PASS] += r->npassed;
    for (int st = PL_VERDICT_PASS; st <= PL_VERDICT_SKIP; st++)
        pl_rep_set(v, pl_verdict_status_name((pl_verdict_status)st),
                   json_integer((json_int_t)by_status[st]));
    pl_rep_set(s, "verdicts", v);
    pl_rep_set(s, "fail_on", json_string(pl_severity_name(o->fail_on)));
    pl_rep_set(s, "exit_code", json_integer(pl_results_exit_code(r, o->fail_on)));
    return s;
}

void pl_report_json(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    json_t *root = json_object();
    pl_rep_set(root, "version", json_integer(PL_JSON_REPORT_VERSION));
    json_t *tool = json_object();
    pl_rep_set(tool, "name", json_string("plimsoll"));
    pl_rep_set(tool, "version", json_string(PL_VERSION));
    pl_rep_set(root, "tool", tool);

    json_t *a = json_array();
    for (size_t i = 0; i < r->nrules; i++)
        pl_rep_append(a, rule_json(&r->rules[i]));
    pl_rep_set(root, "rules", a);
    a = json_array();
    for (size_t i = 0; i < r->ntargets; i++)
        pl_rep_append(a, target_json(&r->targets[i]));
    pl_rep_set(root, "targets", a);
    a = json_array();
    for (size_t i = 0; i < r->nfindings; i++)
        pl_rep_append(a, finding_json(&r->findings[i]));
    pl_rep_set(root, "findings", a);
    a = json_array();
    /* pass is the common case (every rule that found nothing, on every file): listing it
     * made nine tenths of a large report. Only the other verdicts are listed; passes are
     * counted in the summary. */
    for (size_t i = 0; i < r->nverdicts; i++)
        if (r->verdicts[i].status != PL_VERDICT_PASS)
            pl_rep_append(a, verdict_json(&r->verdicts[i]));
    pl_rep_set(root, "verdicts", a);
    a = json_array();
    for (size_t i = 0; i < r->nproblems; i++)
        pl_rep_append(a, problem_json(&r->problems[i]));
    pl_rep_set(root, "errors", a);
    a = json_array();
    for (size_t i = 0; i < r->nnotes; i++)
        pl_rep_append(a, note_json(&r->notes[i]));
    pl_rep_set(root, "notes", a);
    pl_rep_set(root, "summary", summary_json(r, o));

    pl_rep_dump(root, JSON_INDENT(2), out);
}
