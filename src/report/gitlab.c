/* gitlab.c — GitLab Code Quality: the documented subset of the Code Climate issue format.
 *
 * One JSON array; each finding that counts is an issue with description, check_name (the
 * rule), fingerprint, severity (info, minor, major, critical, blocker from plimsoll's
 * info ... critical) and location.path with location.lines.begin as an integer, which
 * GitLab requires. The fingerprint is the finding's own, which does not depend on its
 * line, with its occurrence in the file (pl_results_fingerprint), so the merge-request
 * widget tracks a finding that moved as the same one and never merges two. A
 * finding with no line is placed on line 1 (GitLab shows nothing without one). Problems
 * are issues too (check_name "plimsoll", severity blocker), so a broken run cannot look
 * clean in the widget. No byte-order mark, paths without "./". */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static json_t *issue(const char *check, const char *description, const char *severity,
                     const char *fingerprint, const char *path, int line) {
    json_t *o = json_object();
    pl_rep_set(o, "type", json_string("issue"));
    pl_rep_set(o, "check_name", pl_rep_jstr(check));
    pl_rep_set(o, "description", pl_rep_jstr(description));
    json_t *cats = json_array();
    pl_rep_append(cats, json_string("Security"));
    pl_rep_set(o, "categories", cats);
    pl_rep_set(o, "severity", json_string(severity));
    pl_rep_set(o, "fingerprint", pl_rep_jstr(fingerprint));
    json_t *loc = json_object();
    while (path && path[0] == '.' && path[1] == '/')
        path += 2;
    pl_rep_set(loc, "path", pl_rep_jstr(path ? path : ""));
    json_t *lines = json_object();
    pl_rep_set(lines, "begin", json_integer(line > 0 ? line : 1));
    pl_rep_set(loc, "lines", lines);
    pl_rep_set(o, "location", loc);
    return o;
}

void pl_report_gitlab(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    (void)o;
    json_t *all = json_array();
    for (size_t i = 0; i < r->nfindings; i++) {
        const pl_finding *f = &r->findings[i];
        if (f->suppressed_kind)
            continue;
        char *fp = pl_results_fingerprint(r, i);
        pl_rep_append(all, issue(f->rule, f->message, pl_rep_gitlab_severity(f->severity), fp,
                                 f->path, f->line));
        free(fp);
    }
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        /* a problem has no fingerprint of its own: one from its place and text */
        char *fp = pl_fingerprint("plimsoll", p->path, p->message, p->rule ? p->rule : "");
        pl_rep_append(all, issue("plimsoll", p->message, "blocker", fp, p->path, p->line));
        free(fp);
    }
    pl_rep_dump(all, JSON_INDENT(2), out);
}
