/* junit.c — JUnit XML for test-report views (Jenkins, GitLab, GitHub test reporters).
 *
 * A test suite per checked file and a test case per rule that ran on it, so a report
 * shows what was checked as well as what failed: a passing rule is a passing test.
 * Pass verdicts are not stored (a large run has one per rule and file); they are derived
 * here from what is: every enabled rule for a file's kind ran on every file that was
 * read, and gave a verdict other than pass only where one was recorded. A finding is a
 * <failure> (message, severity as its type, the place in the body, where test reporters
 * read file:line); a rule that raised or hit a limit is an <error>; a skip is <skipped>.
 * Problems that belong to no rule (an unreadable or unparsable file, a policy that did
 * not load) are a test case "plimsoll" with an <error>. Valid against Jenkins'
 * junit-10.xsd, which has no file or line attributes on test cases. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

typedef struct counts {
    size_t tests, failures, errors, skipped;
} counts;

/* [*lo, *hi) of the entries whose path is path, in an array sorted by path (results are
 * sorted before any report is written): each file's share is found by binary search, so
 * the report stays n log n in the size of the run. */
#define PATH_RANGE(arr, n, want, lo, hi)                                                           \
    do {                                                                                           \
        size_t a_ = 0, b_ = (n);                                                                   \
        while (a_ < b_) {                                                                          \
            size_t m_ = a_ + (b_ - a_) / 2;                                                        \
            if (strcmp((arr)[m_].path, (want)) < 0)                                                \
                a_ = m_ + 1;                                                                       \
            else                                                                                   \
                b_ = m_;                                                                           \
        }                                                                                          \
        *(lo) = a_;                                                                                \
        while (a_ < (n) && strcmp((arr)[a_].path, (want)) == 0)                                    \
            a_++;                                                                                  \
        *(hi) = a_;                                                                                \
    } while (0)

/* "path:line:column: " where test reporters look for a place (what is known of it). */
static void place(pl_buf *b, const char *path, int line, int column) {
    pl_rep_xml(b, path);
    if (line > 0)
        pl_buf_printf(b, ":%d", line);
    if (line > 0 && column > 0)
        pl_buf_printf(b, ":%d", column);
    pl_buf_puts(b, ": ");
}

static void failure(pl_buf *b, const pl_finding *f) {
    pl_buf_puts(b, "      <failure");
    pl_rep_xml_attr(b, "message", f->message);
    pl_rep_xml_attr(b, "type", pl_severity_name(f->severity));
    pl_buf_puts(b, ">");
    place(b, f->path, f->line, f->column);
    pl_rep_xml(b, pl_severity_name(f->severity));
    pl_buf_puts(b, " ");
    pl_rep_xml(b, f->rule);
    pl_buf_puts(b, " ");
    pl_rep_xml(b, f->message);
    pl_buf_puts(b, "</failure>\n");
}

static void error_elem(pl_buf *b, const char *path, int line, int column, const char *message) {
    pl_buf_puts(b, "      <error");
    pl_rep_xml_attr(b, "message", message);
    pl_rep_xml_attr(b, "type", "error");
    pl_buf_puts(b, ">");
    if (path && *path)
        place(b, path, line, column);
    pl_rep_xml(b, message);
    pl_buf_puts(b, "</error>\n");
}

/* The test cases of one file into body, counted into c. */
static void suite_body(const pl_results *r, const pl_target_result *t, pl_buf *body, counts *c) {
    bool read = t->status && strcmp(t->status, "ok") == 0;
    size_t flo, fhi, vlo, vhi;
    PATH_RANGE(r->findings, r->nfindings, t->path, &flo, &fhi);
    PATH_RANGE(r->verdicts, r->nverdicts, t->path, &vlo, &vhi);
    for (size_t i = 0; read && i < r->nrules; i++) {
        const pl_rule_meta *m = &r->rules[i];
        if (m->disabled || !m->input || !t->kind || strcmp(m->input, t->kind) != 0)
            continue;
        c->tests++;
        pl_buf_puts(body, "    <testcase");
        pl_rep_xml_attr(body, "name", m->id);
        pl_rep_xml_attr(body, "classname", t->path);
        pl_buf_puts(body, " time=\"0\"");
        const pl_verdict *v = NULL;
        for (size_t k = vlo; k < vhi && !v; k++)
            if (strcmp(r->verdicts[k].rule, m->id) == 0)
                v = &r->verdicts[k];
        size_t nfail = 0;
        for (size_t k = flo; k < fhi; k++)
            if (!r->findings[k].suppressed_kind && strcmp(r->findings[k].rule, m->id) == 0)
                nfail++;
        bool error = v && v->status == PL_VERDICT_ERROR, skip = v && v->status == PL_VERDICT_SKIP;
        if (!nfail && !error && !skip) {
            pl_buf_puts(body, "/>\n");
            continue;
        }
        pl_buf_puts(body, ">\n");
        if (nfail)
            c->failures++;
        for (size_t k = flo; k < fhi; k++)
            if (!r->findings[k].suppressed_kind && strcmp(r->findings[k].rule, m->id) == 0)
                failure(body, &r->findings[k]);
        if (error) {
            c->errors++;
            error_elem(body, NULL, 0, 0, v->message ? v->message : "the rule failed");
        } else if (skip) {
            c->skipped++;
            pl_buf_puts(body, "      <skipped");
            pl_rep_xml_attr(body, "message", v->message ? v->message : "skipped");
            pl_buf_puts(body, "/>\n");
        }
        pl_buf_puts(body, "    </testcase>\n");
    }
    /* problems of the file that no rule's verdict carries: it could not be read or parsed;
     * test names must be unique within a class, so the second is "plimsoll (2)" */
    for (size_t i = 0, k = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        if (strcmp(p->path, t->path) != 0 || (p->rule && read))
            continue;
        c->tests++, c->errors++;
        if (k++)
            pl_buf_printf(body, "    <testcase name=\"plimsoll (%zu)\"", k);
        else
            pl_buf_puts(body, "    <testcase name=\"plimsoll\"");
        pl_rep_xml_attr(body, "classname", t->path);
        pl_buf_puts(body, " time=\"0\">\n");
        error_elem(body, p->path, p->line, p->column, p->message);
        pl_buf_puts(body, "    </testcase>\n");
    }
}

static void suite(pl_buf *out, const char *name, const pl_buf *body, const counts *c) {
    pl_buf_puts(out, "  <testsuite");
    pl_rep_xml_attr(out, "name", name);
    pl_buf_printf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\"",
                  c->tests, c->failures, c->errors, c->skipped);
    pl_rep_xml_attr(out, "file", name);
    pl_buf_puts(out, ">\n");
    pl_buf_append(out, body->data ? body->data : "", body->len);
    pl_buf_puts(out, "  </testsuite>\n");
}

void pl_report_junit(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    (void)o;
    pl_buf suites;
    pl_buf_init(&suites);
    counts all = {0};
    for (size_t i = 0; i < r->ntargets; i++) {
        pl_buf body;
        pl_buf_init(&body);
        counts c = {0};
        suite_body(r, &r->targets[i], &body, &c);
        suite(&suites, r->targets[i].path, &body, &c);
        all.tests += c.tests, all.failures += c.failures, all.errors += c.errors;
        pl_buf_free(&body);
    }
    /* problems outside any checked file: policies, configuration, paths that were no file */
    pl_buf body;
    pl_buf_init(&body);
    counts c = {0};
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        if (pl_rep_is_target(r, p->path))
            continue;
        c.tests++, c.errors++;
        pl_buf_puts(&body, "    <testcase");
        pl_buf_printf(&body, " name=\"%zu: ", c.tests);
        pl_rep_xml(&body, p->rule ? p->rule : "plimsoll");
        pl_buf_puts(&body, "\"");
        pl_rep_xml_attr(&body, "classname", p->path);
        pl_buf_puts(&body, " time=\"0\">\n");
        error_elem(&body, p->path, p->line, p->column, p->message);
        pl_buf_puts(&body, "    </testcase>\n");
    }
    if (c.tests) {
        suite(&suites, "plimsoll", &body, &c);
        all.tests += c.tests, all.errors += c.errors;
    }
    pl_buf_free(&body);
    pl_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    pl_buf_printf(out,
                  "<testsuites name=\"plimsoll\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
                  "time=\"0\">\n",
                  all.tests, all.failures, all.errors);
    pl_buf_append(out, suites.data ? suites.data : "", suites.len);
    pl_buf_puts(out, "</testsuites>\n");
    pl_buf_free(&suites);
}
