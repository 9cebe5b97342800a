/* common.c — steps several subcommands share: deciding what kind of file an input is,
 * and writing to stdout without losing errors. */
#include <stdio.h>
#include <string.h>

#include "plimsoll/bundle.h"
#include "plimsoll/report.h"

#include "cli.h"

pl_doc_kind cli_kind_of(const char *path, const char *text, size_t len) {
    const char *slash = strrchr(path, '/');
    bool maybe_json = false;
    pl_doc_kind k = pl_discover_kind_by_name(slash ? slash + 1 : path, &maybe_json);
    if (k != PL_DOC_UNKNOWN)
        return k;
    k = pl_document_sniff(text, len);
    if (k != PL_DOC_UNKNOWN || maybe_json)
        return k;
    /* a file named explicitly with no telling name or content: read it as a Dockerfile,
     * which gives a parse error with a line if it is not one */
    return PL_DOC_DOCKERFILE;
}

int cli_print_version(void) {
    char line[160];
    int n = cli_revision[0]
                ? snprintf(line, sizeof line, "plimsoll %s (git %s)\n", PL_VERSION, cli_revision)
                : snprintf(line, sizeof line, "plimsoll %s\n", PL_VERSION);
    if (n < 0 || (size_t)n >= sizeof line || cli_write_stdout(line, (size_t)n) != 0) {
        fputs("plimsoll: cannot write the version to standard output\n", stderr);
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

int cli_write_stdout(const char *s, size_t len) {
    if (len && fwrite(s, 1, len, stdout) != len)
        return -1;
    return fflush(stdout) == 0 ? 0 : -1;
}

/* PATH[:LINE[:COLUMN]]: error: MESSAGE, escaped, as the text report writes an error. */
static void put_error(pl_buf *b, const char *path, int line, int column, const char *message) {
    pl_report_escape(b, path ? path : "plimsoll");
    if (line > 0)
        pl_buf_printf(b, ":%d", line);
    if (line > 0 && column > 0)
        pl_buf_printf(b, ":%d", column);
    pl_buf_puts(b, ": error: ");
    pl_report_escape(b, message);
    pl_buf_puts(b, "\n");
}

void cli_print_problems(const pl_results *res) {
    pl_buf b;
    pl_buf_init(&b);
    for (size_t i = 0; i < res->nproblems; i++) {
        const pl_problem *p = &res->problems[i];
        put_error(&b, p->path, p->line, p->column, p->message);
    }
    if (b.len)
        fputs(b.data, stderr);
    pl_buf_free(&b);
}

void cli_print_error(const pl_error *err, const char *path) {
    pl_buf b;
    pl_buf_init(&b);
    put_error(&b, err->path ? err->path : path, err->line, err->column, err->message);
    fputs(b.data, stderr);
    pl_buf_free(&b);
}
