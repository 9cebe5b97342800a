/* sarif.c — SARIF 2.1.0, shaped for GitHub code scanning (docs/ci.md).
 *
 * One run: the driver lists every rule that ran (disabled rules are not there, so
 * ruleIndex always points into the list written), each result carries its rule, a level
 * from its severity, a location relative to %SRCROOT% and the finding's fingerprint, which
 * survives edits elsewhere in the file. Suppressed findings stay in the log, marked with
 * a suppression (inSource for a comment, external for a configured exception), so the
 * waiver is visible where the alert would be. Errors become tool execution
 * notifications with executionSuccessful false: a run that could not check something
 * never looks clean. Output is deterministic: the same results give the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* GitHub shows at most 1024 characters of a description */
#define MAX_DESCRIPTION 1024

static json_t *text_obj(const char *key, const char *text) {
    json_t *o = json_object();
    pl_rep_set(o, key, pl_rep_jstr(text));
    return o;
}

/* The first paragraph of the help, cut to GitHub's limit on a character boundary; the
 * title when there is no help. */
static json_t *full_description(const pl_rule_meta *m) {
    const char *h = m->help && *m->help ? m->help : m->title;
    const char *end = strstr(h, "\n\n");
    size_t n = end ? (size_t)(end - h) : strlen(h);
    if (n > MAX_DESCRIPTION) {
        n = MAX_DESCRIPTION;
        while (n > 0 && ((unsigned char)h[n] & 0xc0) == 0x80)
            n--;
    }
    char *para = strndup(h, n);
    if (!para)
        abort();
    for (char *c = para; *c; c++)
        if (*c == '\n')
            *c = ' ';
    json_t *o = text_obj("text", para);
    free(para);
    return o;
}

static json_t *rule_json(const pl_rule_meta *m, const char *docs_url) {
    json_t *o = json_object();
    pl_rep_set(o, "id", pl_rep_jstr(m->id));
    pl_rep_set(o, "name", pl_rep_jstr(m->id));
    pl_rep_set(o, "shortDescription", text_obj("text", m->title));
    pl_rep_set(o, "fullDescription", full_description(m));
    json_t *help = json_object();
    const char *h = m->help && *m->help ? m->help : m->title;
    pl_rep_set(help, "text", pl_rep_jstr(h));
    pl_rep_set(help, "markdown", pl_rep_jstr(h));
    pl_rep_set(o, "help", help);
    if (docs_url && *docs_url && m->bundle && strcmp(m->bundle, "builtin") == 0) {
        pl_buf u;
        pl_buf_init(&u);
        pl_buf_printf(&u, "%s%sdocs/rules/", docs_url,
                      docs_url[strlen(docs_url) - 1] == '/' ? "" : "/");
        pl_rep_uri(&u, m->id);
        pl_buf_puts(&u, ".md");
        pl_rep_set(o, "helpUri", pl_rep_jstr(u.data));
        pl_buf_free(&u);
    }
    json_t *conf = json_object();
    pl_rep_set(conf, "level", json_string(pl_rep_sarif_level(m->severity)));
    pl_rep_set(o, "defaultConfiguration", conf);
    json_t *props = json_object();
    json_t *tags = json_array();
    const char *sec = pl_rep_security_severity(m->severity);
    if (sec)
        pl_rep_append(tags, json_string("security"));
    if (m->input)
        pl_rep_append(tags, pl_rep_jstr(m->input));
    /* other tools' ids, so a team coming from hadolint can still filter by DL3008;
     * GitHub keeps 20 tags */
    for (size_t i = 0; i < m->naliases && json_array_size(tags) < 20; i++)
        pl_rep_append(tags, pl_rep_jstr(m->aliases[i]));
    pl_rep_set(props, "tags", tags);
    if (sec)
        pl_rep_set(props, "security-severity", json_string(sec));
    pl_rep_set(props, "plimsoll-severity", json_string(pl_severity_name(m->severity)));
    json_t *aliases = json_array();
    for (size_t i = 0; i < m->naliases; i++)
        pl_rep_append(aliases, pl_rep_jstr(m->aliases[i]));
    pl_rep_set(props, "aliases", aliases);
    pl_rep_set(o, "properties", props);
    return o;
}

static json_t *artifact(const char *path) {
    json_t *a = json_object();
    pl_buf u;
    pl_buf_init(&u);
    if (pl_rep_path_absolute(path)) {
        pl_buf_puts(&u, "file://");
        pl_rep_uri(&u, path);
        pl_rep_set(a, "uri", pl_rep_jstr(u.data));
    } else {
        pl_rep_uri(&u, path);
        pl_rep_set(a, "uri", pl_rep_jstr(u.data ? u.data : ""));
        pl_rep_set(a, "uriBaseId", json_string("%SRCROOT%"));
    }
    pl_buf_free(&u);
    return a;
}

/* A location: the file, and the region when the line is known. GitHub displays no result
 * without a region, so a finding on the whole file points at its first line. */
static json_t *location(const char *path, int line, int end_line, int column) {
    json_t *phys = json_object();
    pl_rep_set(phys, "artifactLocation", artifact(path));
    json_t *region = json_object();
    pl_rep_set(region, "startLine", json_integer(line > 0 ? line : 1));
    if (line > 0 && column > 0)
        pl_rep_set(region, "startColumn", json_integer(column));
    pl_rep_set(region, "endLine",
               json_integer(line > 0 && end_line >= line ? end_line
                            : line > 0                   ? line
                                                         : 1));
    pl_rep_set(phys, "region", region);
    json_t *loc = json_object();
    pl_rep_set(loc, "physicalLocation", phys);
    return loc;
}

static json_t *result_json(const pl_results *r, size_t i, json_t *rule_index) {
    const pl_finding *f = &r->findings[i];
    json_t *o = json_object();
    pl_rep_set(o, "ruleId", pl_rep_jstr(f->rule));
    if (rule_index)
        pl_rep_set(o, "ruleIndex", rule_index);
    pl_rep_set(o, "level", json_string(pl_rep_sarif_level(f->severity)));
    pl_rep_set(o, "message", text_obj("text", f->message));
    json_t *locs = json_array();
    pl_rep_append(locs, location(f->path, f->line, f->end_line, f->column));
    pl_rep_set(o, "locations", locs);
    /* the fingerprint hashes rule, path, message and the text pointed at, not the line:
     * it is what tells GitHub that a moved finding is the same alert */
    json_t *fp = json_object();
    char *h = pl_results_fingerprint(r, i);
    pl_rep_set(fp, "primaryLocationLineHash", pl_rep_jstr(h));
    free(h);
    pl_rep_set(fp, "plimsoll/v1", pl_rep_jstr(f->fingerprint ? f->fingerprint : ""));
    pl_rep_set(o, "partialFingerprints", fp);
    if (f->suppressed_kind) {
        json_t *s = json_object();
        bool inline_ = strcmp(f->suppressed_kind, "inline") == 0;
        pl_rep_set(s, "kind", json_string(inline_ ? "inSource" : "external"));
        pl_rep_set(s, "status", json_string("accepted"));
        if (f->suppressed_reason && *f->suppressed_reason)
            pl_rep_set(s, "justification", pl_rep_jstr(f->suppressed_reason));
        if (f->suppressed_source) {
            json_t *props = json_object();
            pl_rep_set(props, "source", pl_rep_jstr(f->suppressed_source));
            pl_rep_set(s, "properties", props);
        }
        json_t *list = json_array();
        pl_rep_append(list, s);
        pl_rep_set(o, "suppressions", list);
    }
    if (f->pointer) {
        json_t *props = json_object();
        pl_rep_set(props, "pointer", pl_rep_jstr(f->pointer));
        pl_rep_set(o, "properties", props);
    }
    return o;
}

static json_t *notification(const char *level, const char *path, int line, int column,
                            const char *rule, const char *message) {
    json_t *n = json_object();
    pl_rep_set(n, "level", json_string(level));
    pl_rep_set(n, "message", text_obj("text", message));
    if (path && *path) {
        json_t *locs = json_array();
        pl_rep_append(locs, location(path, line, line, column));
        pl_rep_set(n, "locations", locs);
    }
    if (rule) {
        json_t *d = json_object();
        pl_rep_set(d, "id", pl_rep_jstr(rule));
        pl_rep_set(n, "associatedRule", d);
    }
    return n;
}

void pl_report_sarif(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    json_t *driver = json_object();
    pl_rep_set(driver, "name", json_string("plimsoll"));
    pl_rep_set(driver, "semanticVersion", json_string(PL_VERSION));
    if (o->docs_url && *o->docs_url)
        pl_rep_set(driver, "informationUri", pl_rep_jstr(o->docs_url));
    json_t *rules = json_array();
    /* index of each result's rule in the list written: rules that ran, in results order */
    size_t *index = calloc(r->nrules ? r->nrules : 1, sizeof *index);
    if (!index)
        abort();
    size_t written = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        if (r->rules[i].disabled)
            continue;
        index[i] = written++;
        pl_rep_append(rules, rule_json(&r->rules[i], o->docs_url));
    }
    pl_rep_set(driver, "rules", rules);
    json_t *tool = json_object();
    pl_rep_set(tool, "driver", driver);

    json_t *results = json_array();
    for (size_t i = 0; i < r->nfindings; i++) {
        const pl_rule_meta *m = pl_rep_rule(r, r->findings[i].rule);
        json_t *ri = m && !m->disabled ? json_integer((json_int_t)index[m - r->rules]) : NULL;
        pl_rep_append(results, result_json(r, i, ri));
    }
    free(index);

    json_t *inv = json_object();
    pl_rep_set(inv, "executionSuccessful", json_boolean(r->nproblems == 0));
    json_t *notes = json_array();
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        pl_rep_append(notes,
                      notification("error", p->path, p->line, p->column, p->rule, p->message));
    }
    for (size_t i = 0; i < r->nnotes; i++) {
        const pl_note *n = &r->notes[i];
        pl_rep_append(notes,
                      notification("note", n->path, n->line, n->column, n->rule, n->message));
    }
    pl_rep_set(inv, "toolExecutionNotifications", notes);
    json_t *invocations = json_array();
    pl_rep_append(invocations, inv);

    json_t *run = json_object();
    pl_rep_set(run, "tool", tool);
    pl_rep_set(run, "invocations", invocations);
    pl_rep_set(run, "results", results);
    json_t *runs = json_array();
    pl_rep_append(runs, run);

    json_t *root = json_object();
    pl_rep_set(root, "$schema", json_string(SARIF_SCHEMA));
    pl_rep_set(root, "version", json_string("2.1.0"));
    pl_rep_set(root, "runs", runs);
    pl_rep_dump(root, JSON_INDENT(2), out);
}
