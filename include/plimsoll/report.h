/* report.h — turning results into what a user or a CI system reads.
 *
 * Formatters only read pl_results; they know nothing about parsing or Lua. Each writes
 * into a buffer so the CLI can write the whole report atomically. */
#ifndef PLIMSOLL_REPORT_H
#define PLIMSOLL_REPORT_H

#include "plimsoll/core.h"
#include "plimsoll/result.h"

typedef enum pl_format {
    PL_FORMAT_TEXT = 0,
    PL_FORMAT_JSON,
} pl_format;

int pl_format_parse(const char *s, pl_format *out); /* 0 or -1 */

typedef struct pl_report_opts {
    bool color;          /* ANSI colours (text) */
    bool quiet;          /* text: findings and errors only, no summary line */
    pl_severity fail_on; /* shown in the summary and the JSON */
    bool show_suppressed; /* text: list suppressed findings too (JSON always has them) */
} pl_report_opts;

/* path:line:column: severity rule-id message, grouped by file, then a summary. */
void pl_report_text(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* The versioned JSON report of docs/json-report.md. */
void pl_report_json(const pl_results *r, const pl_report_opts *o, pl_buf *out);
void pl_report_write(pl_format f, const pl_results *r, const pl_report_opts *o, pl_buf *out);

/* Appends s for display in a terminal: control characters, bytes that are not UTF-8, C1
 * controls and bidirectional overrides become visible escapes (\x1b, \n, \u202e), so
 * text from an input or a policy cannot move the cursor or rewrite the screen. */
void pl_report_escape(pl_buf *out, const char *s);

#define PL_JSON_REPORT_VERSION 1

#endif
