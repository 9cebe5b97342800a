/* github.c — GitHub Actions workflow commands: one annotation per finding and problem.
 *
 * `::error file=F,line=L,endLine=E,col=C,title=T::message`, with the escaping GitHub's
 * toolkit applies: in the message %, CR and LF; in a property also : and ,. Levels come
 * from severity (high and critical: error; medium: warning; low and info: notice), and
 * problems are errors. Text from inputs and policies could otherwise carry a workflow
 * command of its own (a newline then `::add-mask::`); escaping CR and LF keeps every
 * annotation on its one line, and stray bytes are written as `\xNN`. GitHub shows at
 * most 10 errors and 10 warnings per step, so annotations come most severe first. */
#include <string.h>

#include "report_internal.h"

static void escape(pl_buf *out, const char *s, bool property) {
    pl_buf clean;
    pl_buf_init(&clean);
    if (s)
        pl_utf8_escape_invalid(&clean, s, strlen(s));
    for (size_t i = 0; i < clean.len; i++) {
        char c = clean.data[i];
        if (c == '%')
            pl_buf_puts(out, "%25");
        else if (c == '\r')
            pl_buf_puts(out, "%0D");
        else if (c == '\n')
            pl_buf_puts(out, "%0A");
        else if (property && c == ':')
            pl_buf_puts(out, "%3A");
        else if (property && c == ',')
            pl_buf_puts(out, "%2C");
        else
            pl_buf_append(out, &c, 1);
    }
    pl_buf_free(&clean);
}

static void command(pl_buf *out, const char *level, const char *path, int line, int end_line,
                    int column, const char *title, const char *message) {
    pl_buf_printf(out, "::%s ", level);
    pl_buf_puts(out, "file=");
    escape(out, path, true);
    if (line > 0) {
        pl_buf_printf(out, ",line=%d", line);
        pl_buf_printf(out, ",endLine=%d", end_line >= line ? end_line : line);
        /* the toolkit refuses a column on an annotation that spans lines */
        if (column > 0 && (end_line <= line))
            pl_buf_printf(out, ",col=%d", column);
    }
    pl_buf_puts(out, ",title=");
    escape(out, title, true);
    pl_buf_puts(out, "::");
    escape(out, message, false);
    pl_buf_puts(out, "\n");
}

void pl_report_github(const pl_results *r, const pl_report_opts *o, pl_buf *out) {
    (void)o;
    for (size_t i = 0; i < r->nproblems; i++) {
        const pl_problem *p = &r->problems[i];
        command(out, "error", p->path, p->line, p->line, p->column,
                p->rule ? p->rule : "plimsoll error", p->message);
    }
    for (int sev = PL_SEV_CRITICAL; sev >= PL_SEV_INFO; sev--) {
        for (size_t i = 0; i < r->nfindings; i++) {
            const pl_finding *f = &r->findings[i];
            if (f->suppressed_kind || (int)f->severity != sev)
                continue;
            pl_buf title;
            pl_buf_init(&title);
            pl_buf_printf(&title, "%s (%s)", f->rule, pl_severity_name(f->severity));
            command(out, pl_rep_github_level(f->severity), f->path, f->line, f->end_line, f->column,
                    title.data, f->message);
            pl_buf_free(&title);
        }
    }
}
