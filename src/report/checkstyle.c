/* checkstyle.c — checkstyle XML, which reviewdog and many CI plugins read.
 *
 * One <file> per checked file (clean files included, so a consumer sees what was
 * checked), one <error> per finding that counts, with line, column, a severity mapped
 * from plimsoll's (high and critical: error; medium: warning; low and info: info) and
 * the rule as `source` (plimsoll.RULE, the dotted form checkstyle consumers group by).
 * Problems are <error severity="error" source="plimsoll"> under their file, or at the
 * top level when they belong to no file. Valid against checkstyle-report-1.0.0.xsd:
 * line and column are positive integers, so an unknown one is left out. */
#include <string.h>

#include "report_internal.h"

static void error_elem(pl_buf *b, const char *indent, int line, int column, const char *severity,
                       const char *message, const char *rule) {
    pl_buf_printf(b, "%s<error", indent);
    if (line > 0)
        pl_buf_printf(b, " line=\"%d\"", line);
    if (line > 0 && column > 0)
        pl_buf_printf(b, " column=\"%d\"", column);
    pl_rep_xml_attr(b, "severity", severity);
    pl_rep_xml_attr(b, "message", message);
    pl_buf_puts(b, " source=\"plimsoll");
    if (rule) {
        pl_buf_puts(b, ".");
        pl_rep_xml(b, rule);
    }
    pl_buf_puts(b, "\"/>\n");
}

void pl_report_checkstyle(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    (void)o;
    pl_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    pl_buf_printf(out, "<checkstyle version=\"%s\">\n", PL_VERSION);
    /* targets and findings are both sorted by path: one pass over each */
    size_t f = 0;
    for (size_t t = 0; t < r->ntargets; t++) {
        const char *path = r->targets[t].path;
        pl_buf_puts(out, "  <file");
        pl_rep_xml_attr(out, "name", path);
        pl_buf_puts(out, ">\n");
        while (f < r->nfindings && strcmp(r->findings[f].path, path) < 0)
            f++;
        for (; f < r->nfindings && strcmp(r->findings[f].path, path) == 0; f++) {
            const pl_finding *x = &r->findings[f];
            if (!x->suppressed_kind)
                error_elem(out, "    ", x->line, x->column, pl_rep_checkstyle_severity(x->severity),
                           x->message, x->rule);
        }
        for (size_t p = 0; p < r->nproblems; p++)
            if (strcmp(r->problems[p].path, path) == 0)
                error_elem(out, "    ", r->problems[p].line, r->problems[p].column, "error",
                           r->problems[p].message, r->problems[p].rule);
        pl_buf_puts(out, "  </file>\n");
    }
    for (size_t p = 0; p < r->nproblems; p++) {
        if (pl_rep_is_target(r, r->problems[p].path))
            continue;
        pl_buf_puts(out, "  <file");
        pl_rep_xml_attr(out, "name", r->problems[p].path);
        pl_buf_puts(out, ">\n");
        error_elem(out, "    ", r->problems[p].line, r->problems[p].column, "error",
                   r->problems[p].message, r->problems[p].rule);
        pl_buf_puts(out, "  </file>\n");
    }
    pl_buf_puts(out, "</checkstyle>\n");
}
