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
    PL_FORMAT_SARIF,
    PL_FORMAT_JUNIT,
    PL_FORMAT_GITHUB,
    PL_FORMAT_GITLAB,
    PL_FORMAT_CHECKSTYLE,
} pl_format;

int pl_format_parse(const char *s, pl_format *out); /* 0 or -1 */
/* The format names as "text|json|sarif|...", for usage and errors. */
const char *pl_format_names(void);

typedef struct pl_report_opts {
    bool color;           /* ANSI colours (text) */
    bool quiet;           /* text: findings and errors only, no summary line */
    pl_severity fail_on;  /* shown in the summary and the JSON */
    bool show_suppressed; /* text: list suppressed findings too (JSON always has them) */
    const char *docs_url; /* SARIF: informationUri, and helpUri of built-in rules; or NULL */
} pl_report_opts;

/* path:line:column: severity rule-id message, grouped by file, then a summary. */
void pl_report_text(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* The versioned JSON report of docs/json-report.md. */
void pl_report_json(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* SARIF 2.1.0 for GitHub code scanning (docs/ci.md). */
void pl_report_sarif(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* JUnit XML: a suite per file, a case per rule that ran on it. */
void pl_report_junit(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* GitHub Actions workflow commands (::error file=...::message). */
void pl_report_github(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* GitLab Code Quality JSON. */
void pl_report_gitlab(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* checkstyle XML. */
void pl_report_checkstyle(const pl_results *r, const pl_report_opts *o, pl_buf *out);
/* Dispatches on f. Every writer reads sorted results (pl_results_sort). */
void pl_report_write(pl_format f, const pl_results *r, const pl_report_opts *o, pl_buf *out);

/* Appends s for display in a terminal: control characters, bytes that are not UTF-8, C1
 * controls and bidirectional overrides become visible escapes (\x1b, \n, \u202e), so
 * text from an input or a policy cannot move the cursor or rewrite the screen. */
void pl_report_escape(pl_buf *out, const char *s);

#define PL_JSON_REPORT_VERSION 1

#endif
