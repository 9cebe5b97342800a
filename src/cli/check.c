/* check.c — `plimsoll check`: discover inputs, load policies, evaluate, report.
 *
 * Every usage problem (unknown option, bad value, missing path) is found before any file
 * is read, so a typo never costs a full run. After that nothing stops the run: a file that
 * cannot be read or parsed becomes an error in the report and the other files are still
 * checked, because one bad file must not hide the findings of the rest. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plimsoll/report.h"
#include "plimsoll/worker.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll check [OPTIONS] PATH...\n"
    "\n"
    "Checks files and directories (walked recursively) against the policy rules.\n"
    "PATH '-' reads standard input (give --type, or the content decides).\n"
    "\n"
    "options:\n"
    "  --policy DIR            also load the policy bundle in DIR (repeatable)\n"
    "  --no-builtin            do not load the built-in rules\n"
    "  --type dockerfile|image the kind of standard input (and of files with no telling name)\n"
    "  --build-arg KEY=VALUE   a build argument for ARG expansion (repeatable)\n"
    "  -f, --format text|json  report format (default text)\n"
    "  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
    "  --fail-on SEVERITY      exit 1 on findings at or above critical|high|medium|low|info\n"
    "                          (default low: info findings alone never fail)\n"
    "  --color auto|always|never\n"
    "                          colours in the text report (auto: on a terminal, unless\n"
    "                          NO_COLOR is set or TERM=dumb)\n"
    "  -q, --quiet             text report without the summary line\n"
    "  --max-memory MIB        memory per policy bundle's Lua state (default 64)\n"
    "  --max-instructions N    Lua instructions per rule and document (default 50000000)\n"
    "  --max-findings N        findings per rule and document (default 1000)\n"
    "  -j, --jobs N            worker processes (default: the number of CPUs)\n"
    "  --timeout MS            wall-clock limit per rule and document, in ms (default 5000)\n"
    "  --no-isolation          evaluate in this process, without workers: for benchmarks\n"
    "                          and debugging only (no deadline, no seccomp)\n"
    "  -h, --help              show this help\n"
    "  -V, --version           print the version\n"
    "\n"
    "exit status: 0 clean, 1 findings at or above --fail-on, 2 error.\n";

enum {
    OPT_POLICY, OPT_NO_BUILTIN, OPT_TYPE, OPT_BUILD_ARG, OPT_FORMAT, OPT_OUTPUT, OPT_FAIL_ON,
    OPT_COLOR, OPT_QUIET, OPT_MAX_MEMORY, OPT_MAX_INSTRUCTIONS, OPT_MAX_FINDINGS, OPT_HELP,
    OPT_VERSION, OPT_JOBS, OPT_TIMEOUT, OPT_NO_ISOLATION,
};

static const cli_opt options[] = {
    {"policy", 0, true, OPT_POLICY},
    {"no-builtin", 0, false, OPT_NO_BUILTIN},
    {"type", 0, true, OPT_TYPE},
    {"build-arg", 0, true, OPT_BUILD_ARG},
    {"format", 'f', true, OPT_FORMAT},
    {"output", 'o', true, OPT_OUTPUT},
    {"fail-on", 0, true, OPT_FAIL_ON},
    {"color", 0, true, OPT_COLOR},
    {"quiet", 'q', false, OPT_QUIET},
    {"max-memory", 0, true, OPT_MAX_MEMORY},
    {"max-instructions", 0, true, OPT_MAX_INSTRUCTIONS},
    {"max-findings", 0, true, OPT_MAX_FINDINGS},
    {"jobs", 'j', true, OPT_JOBS},
    {"timeout", 0, true, OPT_TIMEOUT},
    {"no-isolation", 0, false, OPT_NO_ISOLATION},
    {"help", 'h', false, OPT_HELP},
    {"version", 'V', false, OPT_VERSION},
    {NULL, 0, false, 0},
};

typedef enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

typedef struct check_opts {
    cli_strs paths, policies, build_args;
    cli_strs sorted; /* paths, sorted for lookups */
    bool no_builtin, quiet, stdin_given;
    pl_doc_kind type; /* PL_DOC_UNKNOWN: not given */
    pl_format format;
    const char *output;
    pl_severity fail_on;
    color_mode color;
    pl_limits limits;
    pl_pool_opts pool;
    pl_build_args args; /* build_args as the pool keeps them (must outlive it) */
    bool no_isolation;
} check_opts;

static void opts_free(check_opts *o) {
    cli_strs_free(&o->paths);
    cli_strs_free(&o->policies);
    cli_strs_free(&o->build_args);
    cli_strs_free(&o->sorted);
}

/* Returns -1 to continue with the run, or an exit status (help, version, usage error). */
static int parse_args(int argc, char **argv, check_opts *o) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "check");
    char msg[256];
    const char *v;
    unsigned long long n;
    int id;
    while ((id = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (id) {
        case CLI_BAD:
            return cli_usage_error("%s", msg);
        case CLI_OPERAND:
            if (strcmp(v, "-") == 0) {
                if (o->stdin_given)
                    return cli_usage_error("check: '-' (standard input) given twice");
                o->stdin_given = true;
            } else {
                cli_strs_push(&o->paths, v);
            }
            break;
        case OPT_POLICY:
            cli_strs_push(&o->policies, v);
            break;
        case OPT_NO_BUILTIN:
            o->no_builtin = true;
            break;
        case OPT_TYPE:
            if (pl_doc_kind_parse(v, &o->type) != 0 || o->type == PL_DOC_UNKNOWN)
                return cli_usage_error("check: --type must be dockerfile or image, not '%s'", v);
            break;
        case OPT_BUILD_ARG:
            if (v[0] == '\0' || v[0] == '=')
                return cli_usage_error("check: --build-arg needs KEY=VALUE, not '%s'", v);
            cli_strs_push(&o->build_args, v);
            break;
        case OPT_FORMAT:
            if (pl_format_parse(v, &o->format) != 0)
                return cli_usage_error("check: --format must be text or json, not '%s'", v);
            break;
        case OPT_OUTPUT:
            if (v[0] == '\0')
                return cli_usage_error("check: --output needs a file name");
            o->output = v;
            break;
        case OPT_FAIL_ON:
            if (pl_severity_parse(v, &o->fail_on) != 0)
                return cli_usage_error(
                    "check: --fail-on must be critical, high, medium, low or info, not '%s'", v);
            break;
        case OPT_COLOR:
            if (strcmp(v, "auto") == 0)
                o->color = COLOR_AUTO;
            else if (strcmp(v, "always") == 0)
                o->color = COLOR_ALWAYS;
            else if (strcmp(v, "never") == 0)
                o->color = COLOR_NEVER;
            else
                return cli_usage_error("check: --color must be auto, always or never, not '%s'",
                                       v);
            break;
        case OPT_QUIET:
            o->quiet = true;
            break;
        case OPT_MAX_MEMORY:
            if (cli_parse_count(v, 1, 1024 * 1024, &n) != 0)
                return cli_usage_error("check: --max-memory wants MiB from 1 to 1048576, not '%s'",
                                       v);
            o->limits.memory_bytes = (size_t)n * 1024 * 1024;
            break;
        case OPT_MAX_INSTRUCTIONS:
            if (cli_parse_count(v, 1, UINT64_MAX, &n) != 0)
                return cli_usage_error("check: --max-instructions wants a positive count, not '%s'",
                                       v);
            o->limits.instructions = n;
            break;
        case OPT_MAX_FINDINGS:
            if (cli_parse_count(v, 1, SIZE_MAX, &n) != 0)
                return cli_usage_error("check: --max-findings wants a positive count, not '%s'", v);
            o->limits.max_findings = (size_t)n;
            break;
        case OPT_JOBS:
            if (cli_parse_count(v, 1, 1024, &n) != 0)
                return cli_usage_error("check: --jobs wants a count from 1 to 1024, not '%s'", v);
            o->pool.jobs = (unsigned)n;
            break;
        case OPT_TIMEOUT:
            if (cli_parse_count(v, 1, 86400000, &n) != 0)
                return cli_usage_error(
                    "check: --timeout wants milliseconds from 1 to 86400000, not '%s'", v);
            o->pool.timeout_ms = (unsigned)n;
            break;
        case OPT_NO_ISOLATION:
            o->no_isolation = true;
            break;
        case OPT_HELP:
            fputs(usage, stdout);
            return CLI_EXIT_OK;
        case OPT_VERSION:
            puts("plimsoll " PL_VERSION);
            return CLI_EXIT_OK;
        }
    }
    if (o->paths.n == 0 && !o->stdin_given)
        return cli_usage_error("check: no PATH given (a file, a directory, or '-' for stdin)");
    return -1;
}

static bool use_color(const check_opts *o) {
    if (o->format != PL_FORMAT_TEXT || o->color == COLOR_NEVER)
        return false;
    if (o->color == COLOR_ALWAYS)
        return true;
    if (o->output) /* a file is not a terminal */
        return false;
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL && !(term && strcmp(term, "dumb") == 0);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* o->sorted holds the operands sorted: a CI job may name ten thousand files, and a linear
 * scan per file made that quadratic */
static bool named_explicitly(const check_opts *o, const char *path) {
    return o->sorted.n && bsearch(&path, o->sorted.items, o->sorted.n, sizeof *o->sorted.items,
                                  cmp_str) != NULL;
}

/* Reads one input and decides its kind, then parses and evaluates it here or hands it to
 * the worker pool; every failure becomes a problem in res. */
static void check_one(pl_engine *e, pl_pool *pool, const check_opts *o, const char *path,
                      const char *display, pl_doc_kind kind, pl_results *res) {
    pl_arena a;
    pl_arena_init(&a);
    pl_error err = {0};
    char *text;
    size_t len;
    if (pl_file_read(&a, path, CLI_MAX_INPUT, &text, &len, &err) != 0) {
        pl_results_add_problem(res, display, err.line, err.column, NULL, err.message);
        pl_results_add_target(res, display, kind ? pl_doc_kind_name(kind) : NULL, "error");
        pl_arena_free(&a);
        return;
    }
    bool explicit = strcmp(path, "-") == 0 || named_explicitly(o, path);
    if (kind == PL_DOC_UNKNOWN)
        kind = explicit && o->type ? o->type : cli_kind_of(display, text, len);
    if (kind == PL_DOC_UNKNOWN) {
        if (explicit) {
            pl_results_add_problem(res, display, 0, 0, NULL,
                                   "cannot tell whether this is a Dockerfile or an image "
                                   "config; give --type dockerfile or --type image");
            pl_results_add_target(res, display, NULL, "error");
        }
        /* a JSON file met in a directory walk that is no image config is not ours */
        pl_arena_free(&a);
        return;
    }
    pl_build_args args = {o->build_args.items, o->build_args.n};
    if (pool) {
        pl_pool_doc d = {kind, display, text, len, o->build_args.n ? &o->args : NULL};
        pl_pool_submit(pool, &d, res);
        pl_arena_free(&a);
        return;
    }
    pl_document *docs = NULL;
    size_t ndocs = 0;
    if (pl_document_load(&a, kind, display, text, len, o->build_args.n ? &args : NULL, &docs,
                         &ndocs, &err) != 0) {
        pl_results_add_problem(res, err.path ? err.path : display, err.line, err.column, NULL,
                               err.message);
        pl_results_add_target(res, display, pl_doc_kind_name(kind), "error");
        pl_arena_free(&a);
        return;
    }
    for (size_t i = 0; i < ndocs; i++)
        pl_engine_evaluate(e, &docs[i], res);
    pl_results_add_target(res, display, pl_doc_kind_name(kind), "ok");
    pl_arena_free(&a);
}

static int emit(const check_opts *o, const pl_results *res) {
    pl_report_opts ro = {.color = use_color(o), .quiet = o->quiet, .fail_on = o->fail_on};
    pl_buf out;
    pl_buf_init(&out);
    pl_report_write(o->format, res, &ro, &out);
    int status = 0;
    if (o->output) {
        pl_error err = {0};
        if (pl_file_write_atomic(o->output, out.data ? out.data : "", out.len, &err) != 0) {
            fprintf(stderr, "plimsoll: %s: %s\n", o->output, err.message);
            status = -1;
        }
    } else if (cli_write_stdout(out.data ? out.data : "", out.len) != 0) {
        fputs("plimsoll: cannot write the report to standard output\n", stderr);
        status = -1;
    }
    pl_buf_free(&out);
    return status;
}

int cli_check(int argc, char **argv) {
    check_opts o = {0};
    o.fail_on = PL_SEV_LOW;
    o.format = PL_FORMAT_TEXT;
    o.color = COLOR_AUTO;
    pl_limits_default(&o.limits);
    o.pool.timeout_ms = 5000;
    int status = parse_args(argc, argv, &o);
    if (status >= 0) {
        opts_free(&o);
        return status;
    }

    pl_target_list targets = {0};
    pl_error err = {0};
    if (o.paths.n && pl_discover(o.paths.items, o.paths.n, &targets, &err) != 0) {
        opts_free(&o);
        bool named = !err.path || strstr(err.message, err.path);
        return cli_usage_error("check: %s%s%s", named ? "" : err.path, named ? "" : ": ",
                               err.message);
    }

    for (size_t i = 0; i < o.paths.n; i++)
        cli_strs_push(&o.sorted, o.paths.items[i]);
    if (o.sorted.n)
        qsort(o.sorted.items, o.sorted.n, sizeof *o.sorted.items, cmp_str);

    pl_results res;
    pl_results_init(&res);
    pl_engine *e = cli_load_engine(&o.limits, o.no_builtin, &o.policies, &res);
    if (pl_engine_rule_count(e) == 0 && res.nproblems == 0)
        pl_results_add_problem(&res, NULL, 0, 0, NULL,
                               "no rules loaded (--no-builtin without a --policy that has rules)");
    for (size_t i = 0; i < pl_engine_rule_count(e); i++)
        pl_results_add_rule(&res, pl_engine_rule(e, i));

    /* workers fork now, while this process is small: fork time grows with its memory */
    pl_pool *pool = NULL;
    if (!o.no_isolation && (targets.n || o.stdin_given)) {
        o.args = (pl_build_args){o.build_args.items, o.build_args.n};
        pool = pl_pool_start(e, &o.pool, &err);
        if (!pool)
            fprintf(stderr, "plimsoll: warning: %s; evaluating in this process without "
                            "isolation\n", err.message);
    }
    for (size_t i = 0; i < targets.n; i++)
        check_one(e, pool, &o, targets.items[i].path, targets.items[i].path,
                  targets.items[i].kind, &res);
    if (o.stdin_given)
        check_one(e, pool, &o, "-", "<stdin>", o.type, &res);
    if (pool) {
        pl_pool_finish(pool, &res);
        if (pl_pool_warning(pool))
            fprintf(stderr, "plimsoll: warning: %s\n", pl_pool_warning(pool));
        pl_pool_free(pool);
    }

    pl_results_sort(&res);
    status = pl_results_exit_code(&res, o.fail_on);
    if (emit(&o, &res) != 0)
        status = CLI_EXIT_ERROR;
    pl_results_free(&res);
    pl_engine_free(e);
    pl_target_list_free(&targets);
    opts_free(&o);
    return status;
}
