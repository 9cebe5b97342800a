/* result.h — what a run produces: rules, targets, findings, verdicts, errors.
 *
 * Everything here is heap-owned by pl_results and independent of documents, Lua states
 * and parsers, so reports can be written after every input is gone and results can
 * cross a pipe from a worker. Verdict logic (sorting, exit status) lives here too. */
#ifndef PLIMSOLL_RESULT_H
#define PLIMSOLL_RESULT_H

#include "plimsoll/core.h"

typedef enum pl_severity {
    PL_SEV_INFO = 0,
    PL_SEV_LOW,
    PL_SEV_MEDIUM,
    PL_SEV_HIGH,
    PL_SEV_CRITICAL,
} pl_severity;

const char *pl_severity_name(pl_severity s);            /* "info" ... "critical" */
int pl_severity_parse(const char *s, pl_severity *out); /* 0 or -1 */

/* A parameter a rule declares (`params = { name = { type =, default =, description = } }`).
 * Values are JSON text so metadata stays independent of Lua and jansson. */
typedef struct pl_param_meta {
    char *name;
    char *type; /* "string" "number" "integer" "boolean" "list" (of strings) */
    char *description;
    char *default_json; /* the declared default, as JSON */
    char *value_json;   /* the effective value (default or configured), as JSON */
} pl_param_meta;

typedef struct pl_rule_meta {
    char *id; /* "user-not-root", or "bundle/id" for other bundles */
    char *title;
    pl_severity severity;
    char *input; /* "dockerfile", "image" */
    char **aliases;
    size_t naliases;
    char *help;   /* Markdown */
    char *bundle; /* "builtin" or the bundle's name */
    char *file;   /* where the rule was loaded from */
    /* additions: parameters (sorted by name), preset, and whether the rule runs */
    pl_param_meta *params;
    size_t nparams;
    char *preset;          /* "default" or "strict" */
    bool disabled;         /* by preset or configuration: it does not run */
    char *disabled_reason; /* why ("in the strict preset ...", "disabled by FILE:LINE") */
} pl_rule_meta;

typedef struct pl_finding {
    char *rule;
    pl_severity severity;
    char *message;
    char *path;
    int line, end_line, column; /* 0 when unknown */
    char *pointer;              /* JSON pointer for image findings, else NULL */
    char *fingerprint;          /* stable across edits elsewhere in the file */
    /* addition: set when an inline comment or a configured exception suppressed it;
     * a suppressed finding is reported but never counts toward the exit status */
    char *suppressed_kind; /* "inline" or "exception"; NULL: not suppressed */
    char *suppressed_reason;
    char *suppressed_source; /* "path:line" of the comment or the exception */
} pl_finding;

typedef enum pl_verdict_status {
    PL_VERDICT_PASS = 0,
    PL_VERDICT_FAIL,
    PL_VERDICT_ERROR,
    PL_VERDICT_SKIP,
} pl_verdict_status;

const char *pl_verdict_status_name(pl_verdict_status s); /* "pass" "fail" "error" "skip" */

typedef struct pl_verdict {
    char *rule;
    char *path;
    pl_verdict_status status;
    char *message; /* error text or skip reason; NULL otherwise */
    size_t nfindings;
} pl_verdict;

/* A problem that is not a finding: unreadable or unparsable input, a policy that failed
 * to load, a rule that raised or hit a limit. Any of these makes the exit status 2. */
typedef struct pl_problem {
    char *path; /* the input or the policy file */
    int line, column;
    char *rule; /* the rule concerned, or NULL */
    char *message;
} pl_problem;

/* Something a user should see that does not fail the run: a suppression that matched
 * nothing, an exception that expired. */
typedef struct pl_note {
    char *path;
    int line, column;
    char *rule; /* or NULL */
    char *message;
} pl_note;

typedef struct pl_target_result {
    char *path;
    char *kind;   /* "dockerfile", "image" */
    char *status; /* "ok" (checked), "error" (could not be read or parsed) */
} pl_target_result;

typedef struct pl_results {
    pl_rule_meta *rules;
    size_t nrules, rules_cap;
    pl_target_result *targets;
    size_t ntargets, targets_cap;
    pl_finding *findings;
    size_t nfindings, findings_cap;
    pl_verdict *verdicts;
    size_t nverdicts, verdicts_cap;
    pl_problem *problems;
    size_t nproblems, problems_cap;
    /* When set, pass verdicts are only counted in npassed, not stored: a run over a large
     * tree has a pass for nearly every rule on every file, and reports list only the
     * other verdicts. Set after pl_results_init. */
    bool count_passes;
    size_t npassed;
    pl_note *notes;
    size_t nnotes, notes_cap; /* addition */
} pl_results;

void pl_results_init(pl_results *r);
void pl_results_free(pl_results *r);

/* Each add copies its strings. */
void pl_results_add_rule(pl_results *r, const pl_rule_meta *m);
void pl_results_add_target(pl_results *r, const char *path, const char *kind, const char *status);
void pl_results_add_finding(pl_results *r, const pl_finding *f); /* fills fingerprint if NULL */
void pl_results_add_verdict(pl_results *r, const char *rule, const char *path,
                            pl_verdict_status status, const char *message, size_t nfindings);
void pl_results_add_problem(pl_results *r, const char *path, int line, int column, const char *rule,
                            const char *message);

void pl_results_add_note(pl_results *r, const char *path, int line, int column, const char *rule,
                         const char *message);
/* Marks finding i suppressed (copies the strings). */
void pl_finding_suppress(pl_finding *f, const char *kind, const char *reason, const char *source);
/* Findings not suppressed. */
size_t pl_results_active_findings(const pl_results *r);

/* Sorts findings by path, line, column, rule, message (then every other field); verdicts
 * by path, rule (then status, message, count); problems by path, line, column, rule,
 * message; targets by path, kind, status. Every comparison is total over the reported
 * fields, so reports do not depend on discovery order, evaluation order or -j. */
void pl_results_sort(pl_results *r);

/* 0: no finding at or above fail_on and no problem; 1: findings at or above fail_on;
 * 2: any problem (errors win over findings). Suppressed findings and notes never count. */
int pl_results_exit_code(const pl_results *r, pl_severity fail_on);

/* The fingerprint of a finding: a hash of rule, path and the finding's own content
 * (message and the source text it points at), not its line number. */
char *pl_fingerprint(const char *rule, const char *path, const char *message,
                     const char *anchor_text);

/* Finding i's fingerprint with its occurrence, "FP:N": the N-th finding (1-based) of the
 * same file with that fingerprint, in sorted results (pl_results_sort). Two identical
 * findings in one file (the same line written twice) stay two, and inserting lines
 * elsewhere changes neither. Used by baselines and the CI formats. Caller frees. */
char *pl_results_fingerprint(const pl_results *r, size_t i);

#endif
