/* cli.h — what the subcommands of the plimsoll binary share: the option parser, usage
 * errors, and the small helpers every command needs to load policies and inputs.
 *
 * Only cli/ decides exit statuses and what goes to stdout or stderr; every function here
 * returns a value and leaves exiting to main. */
#ifndef PLIMSOLL_CLI_H
#define PLIMSOLL_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "plimsoll/core.h"
#include "plimsoll/document.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FINDINGS = 1,
    CLI_EXIT_ERROR = 2,
};

/* Inputs larger than this are refused: no real Dockerfile or image config comes close. */
#define CLI_MAX_INPUT (16u * 1024 * 1024)

/* ---- option parsing ----------------------------------------------------------- */

typedef struct cli_opt {
    const char *name; /* long name without "--" */
    char short_name;  /* 0: none */
    bool has_arg;
    int id; /* returned by cli_next; must be >= 0 */
} cli_opt;

/* The parser's state lives here, not in globals, so each subcommand (and each test) gets a
 * fresh one. Options and operands may be mixed; "--" ends options; "-" is an operand. */
typedef struct cli_parser {
    int argc;
    char **argv;
    int i;
    bool only_operands;
    const char *command; /* for messages: "check" */
} cli_parser;

enum {
    CLI_OPERAND = -1, /* *value is the operand */
    CLI_END = -2,
    CLI_BAD = -3, /* message written to msg */
};

void cli_parser_init(cli_parser *p, int argc, char **argv, const char *command);
/* Returns an option id (with *value its argument, or NULL), CLI_OPERAND, CLI_END, or
 * CLI_BAD with a one-line description of the problem in msg. */
int cli_next(cli_parser *p, const cli_opt *opts, const char **value, char *msg, size_t msgsz);

/* Prints "plimsoll: MESSAGE" and the hint line to stderr; returns CLI_EXIT_ERROR. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parses a decimal count in [min, max]; 0 or -1. */
int cli_parse_count(const char *s, unsigned long long min, unsigned long long max,
                    unsigned long long *out);

/* A growable list of borrowed strings (argv entries). */
typedef struct cli_strs {
    const char **items;
    size_t n, cap;
} cli_strs;
void cli_strs_push(cli_strs *l, const char *s);
void cli_strs_free(cli_strs *l);

/* ---- shared steps ------------------------------------------------------------- */

/* Kind of a file named path with content text: by name, then by content. */
pl_doc_kind cli_kind_of(const char *path, const char *text, size_t len);

/* Writes s to stdout; -1 if stdout could not take it (closed pipe, full disk). */
int cli_write_stdout(const char *s, size_t len);

/* `git describe --always --dirty` of the checkout the binary was built from, or "" when it
 * was not built from one (generated on each build by cmake/revision.cmake). */
extern const char cli_revision[];
/* Prints "plimsoll VERSION", with " (git REVISION)" when cli_revision is known; returns
 * the exit status of --version. */
int cli_print_version(void);

/* ---- settings (settings.c) ----------------------------------------------------------- */

struct pl_settings;
struct pl_cli_settings;
/* Resolves the settings of a command (pl_settings_resolve from the current directory).
 * Prints the configuration's error (file:line:column) and returns CLI_EXIT_ERROR, or
 * returns -1 to go on; *out must be freed with pl_settings_free either way. */
int cli_settings_open(const struct pl_cli_settings *cs, struct pl_settings *out);
/* Today as YYYY-MM-DD, or PLIMSOLL_TODAY when set (it must be a valid date: else -1). */
int cli_today(char out[11]);

/* Subcommands: argv[0] is the subcommand's name. Each returns the exit status. */
int cli_check(int argc, char **argv);
int cli_baseline(int argc, char **argv); /* check.c: the same run, writing a baseline */
int cli_rules(int argc, char **argv);
int cli_inspect(int argc, char **argv);
int cli_test(int argc, char **argv);
int cli_config(int argc, char **argv);
int cli_lock(int argc, char **argv);
int cli_new_rule(int argc, char **argv);

/* rules --explain (markdown false) or --markdown: the description of engine rule i,
 * with examples from its bundle's fixtures, run in workers under po's deadline
 * (explain.c). 0, or -1 after printing why. */
struct pl_pool_opts;
int cli_describe_rule(pl_engine *e, size_t i, bool markdown, const struct pl_pool_opts *po,
                      pl_buf *out);

/* Prints each problem as "path:line:col: error: message" to stderr, escaped. */
void cli_print_problems(const pl_results *res);
/* One error on standard error in the same form: path (err->path, else path), line and
 * column when known, the message; all escaped. */
void cli_print_error(const pl_error *err, const char *path);

#endif
