/* config.h — the project configuration file (.plimsoll.yaml), and the filter stage that
 * applies exceptions and inline suppressions between evaluation and reporting.
 *
 * The reader keeps the line and column of every value it takes, so a mistake is reported
 * where it was made and `plimsoll config` can say where each setting came from. Nothing
 * is ignored: an unknown key, a wrong type or a bad date is an error. Applying rule ids
 * and parameters needs the loaded rules, so that is a second step (pl_config_apply). */
#ifndef PLIMSOLL_CONFIG_H
#define PLIMSOLL_CONFIG_H

#include "plimsoll/core.h"
#include "plimsoll/document.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"

#define PL_CONFIG_NAME ".plimsoll.yaml"

/* Where a value was written: 1-based line and column; line 0 when not set by the file. */
typedef struct pl_config_pos {
    int line, column;
} pl_config_pos;

typedef struct pl_config_param {
    const char *name;
    struct json_t *value; /* owned (jansson); scalars typed as YAML 1.2 core reads them */
    pl_config_pos pos;    /* of the value */
    pl_config_pos name_pos;
} pl_config_param;

typedef struct pl_config_rule {
    const char *id;    /* as written: an id or an alias */
    pl_config_pos pos; /* of the key */
    int enabled;       /* -1 unset, 0, 1 */
    pl_config_pos enabled_pos;
    bool has_severity;
    pl_severity severity;
    pl_config_pos severity_pos;
    pl_config_param *params;
    size_t nparams;
} pl_config_rule;

typedef struct pl_config_exception {
    const char *rule; /* an id, an alias, or "*" */
    pl_config_pos rule_pos;
    const char **paths; /* globs relative to the config file's directory ('**' allowed) */
    size_t npaths;
    const char *stage; /* a stage name or a 1-based index; NULL: any */
    int line;          /* 0: any */
    const char *reason;
    const char *expires; /* YYYY-MM-DD (valid date) or NULL */
    pl_config_pos pos;   /* of the list item */
    pl_config_pos expires_pos;
    size_t matched;  /* findings it suppressed in this run */
    size_t in_scope; /* documents checked in this run that its paths match */
} pl_config_exception;

typedef struct pl_config {
    pl_arena arena;   /* every string above */
    const char *path; /* the file, as found or given */
    const char *dir;  /* its directory (absolute), the base of relative paths */

    const char **policies;
    size_t npolicies; /* directories, resolved against dir */
    pl_config_pos policies_pos;
    int builtin; /* -1 unset, 0, 1 */
    pl_config_pos builtin_pos;
    bool has_fail_on;
    pl_severity fail_on;
    pl_config_pos fail_on_pos;
    const char *preset;
    pl_config_pos preset_pos;
    const char *format;
    pl_config_pos format_pos; /* "text" or "json" */
    int locked;               /* -1 unset, 0, 1 */
    pl_config_pos locked_pos;
    const char **build_args;
    size_t nbuild_args; /* KEY=VALUE */
    pl_config_pos build_args_pos;
    /* limits: 0 when unset */
    unsigned long long memory_mib, instructions, findings, timeout_ms;
    pl_config_pos memory_mib_pos, instructions_pos, findings_pos, timeout_ms_pos;
    int unused_suppressions_error; /* -1 unset; 1: a suppression that matched nothing is an error */
    pl_config_pos unused_suppressions_pos;

    pl_config_rule *rules;
    size_t nrules;
    pl_config_exception *exceptions;
    size_t nexceptions;
} pl_config;

/* Parses YAML text. path names the file in errors; dir is the base for relative paths
 * (NULL: the directory of path). Returns 0, or -1 with err (path, line, column). *out is
 * initialised either way and must be freed with pl_config_free. */
int pl_config_parse(const char *path, const char *dir, const char *text, size_t len, pl_config *out,
                    pl_error *err);
/* Reads and parses a file. */
int pl_config_load(const char *path, pl_config *out, pl_error *err);
void pl_config_free(pl_config *c);

/* Looks for .plimsoll.yaml in start_dir and each parent up to the filesystem root. Returns
 * a heap path, or NULL when there is none. */
char *pl_config_find(const char *start_dir);

/* Applies rules: (enabled, severity, params) to loaded rules. An unknown rule id or
 * parameter, or a value of the wrong type: -1 with err at the place in the file. */
int pl_config_apply(const pl_config *c, pl_engine *e, pl_error *err);

/* True when date (YYYY-MM-DD) is a real calendar date. */
bool pl_date_valid(const char *date);

/* ---- glob ------------------------------------------------------------------------ */

/* '/'-separated paths: '*' and '?' stay within a segment, '**' as a whole segment matches
 * zero or more segments, '[abc]' '[a-z]' '[!x]' classes. */
bool pl_glob_match(const char *pattern, const char *path);

/* ---- the filter stage ------------------------------------------------------------ */

/* One inline suppression comment of a Dockerfile. */
typedef struct pl_suppression {
    const char **rules; /* ids or aliases as written; "all" (BuildKit) matches any */
    size_t nrules;
    bool global;                      /* applies to the whole file */
    const char *origin;               /* "plimsoll", "hadolint" or "buildkit" */
    int line;                         /* of the comment */
    int target_line, target_end_line; /* the instruction it applies to (not global) */
    const char *reason;               /* NULL for hadolint and BuildKit forms */
    size_t *matched;                  /* per rule token: findings it suppressed */
} pl_suppression;

typedef struct pl_suppression_list {
    pl_suppression *items;
    size_t n;
} pl_suppression_list;

/* Collects the suppression comments of a Dockerfile (into arena a). A malformed plimsoll
 * comment (no rule, no reason) becomes a problem in res. */
void pl_suppressions_collect(pl_arena *a, const pl_dockerfile *df, pl_suppression_list *out,
                             pl_results *res);

/* The filter: marks findings [first, res->nfindings) of document doc suppressed by its
 * inline suppressions (may be NULL) or by the configuration's exceptions (c may be NULL).
 * today is YYYY-MM-DD; cwd the directory relative paths of findings start from. */
void pl_filter_apply(pl_results *res, size_t first, const pl_document *doc, const pl_engine *e,
                     const pl_suppression_list *sup, pl_config *c, const char *today,
                     const char *cwd);
/* The same for findings [first, last): a parallel run filters after every worker is done,
 * on the findings of one path once they are sorted together. */
void pl_filter_apply_range(pl_results *res, size_t first, size_t last, const pl_document *doc,
                           const pl_engine *e, const pl_suppression_list *sup, pl_config *c,
                           const char *today, const char *cwd);

/* The rule of the finding an inline plimsoll ignore gets when a name in it is no loaded
 * rule's id, alias or bare id, or the bare id of several rules. Reserved: no bundle may
 * be named plimsoll. */
#define PL_RULE_IGNORE_UNRESOLVED "plimsoll/ignore-unresolved"

/* Notes (or problems, when as_errors) for inline suppressions of one document that
 * matched nothing, and a PL_RULE_IGNORE_UNRESOLVED finding for each name in a plimsoll
 * ignore that names no single rule. Call after pl_filter_apply for that document. */
void pl_suppressions_report_unused(const pl_suppression_list *sup, const char *path,
                                   const pl_engine *e, bool as_errors, pl_results *res);
/* Notes for expired exceptions, and notes (problems when as_errors) for exceptions whose
 * paths matched a checked file but that suppressed nothing. Call once, after every
 * document. */
void pl_config_report_exceptions(const pl_config *c, const char *today, bool as_errors,
                                 pl_results *res);

#endif
