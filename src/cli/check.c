/* check.c — `plimsoll check`: discover inputs, load policies, evaluate, report.
 *
 * Every usage problem (unknown option, bad value, missing path) is found before any file
 * is read, so a typo never costs a full run. After that nothing stops the run: a file that
 * cannot be read or parsed becomes an error in the report and the other files are still
 * checked, because one bad file must not hide the findings of the rest. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plimsoll/baseline.h"
#include "plimsoll/config.h"
#include "plimsoll/lock.h"
#include "plimsoll/report.h"
#include "plimsoll/settings.h"
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
    "  --locked                refuse (exit 2) a --policy bundle whose content does not\n"
    "                          match plimsoll.lock (see plimsoll lock)\n"
    "  --lockfile FILE         the lockfile for --locked (default ./plimsoll.lock)\n"
    "  --trace RULE            after the report, show on stderr what RULE read, printed\n"
    "                          and reported on each input\n"
    "  -v, --verbose           what rules print() goes into the report, as notes\n"
    "  --type dockerfile|image the kind of standard input (and of files with no telling name)\n"
    "  --build-arg KEY=VALUE   a build argument for ARG expansion (repeatable)\n"
    "  -f, --format FORMAT[:FILE]\n"
    "                          report format: text (default), json, sarif, junit, github,\n"
    "                          gitlab or checkstyle; with :FILE that report goes to FILE.\n"
    "                          Repeat (or separate with commas) for several reports from\n"
    "                          one run: -f text -f sarif:plimsoll.sarif -f junit:junit.xml\n"
    "  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
    "  --baseline FILE         hide the findings FILE lists (written by plimsoll baseline)\n"
    "                          and fail only on new ones; note the entries that are fixed\n"
    "  --write-baseline FILE   also write this run's findings to FILE as a baseline\n"
    "  --preset default|strict the rules to run: the default preset, or default and strict\n"
    "  --fail-on SEVERITY      exit 1 on findings at or above critical|high|medium|low|info\n"
    "                          (default low: info findings alone never fail)\n"
    "  --color auto|always|never\n"
    "                          colours in the text report (auto: on a terminal, unless\n"
    "                          NO_COLOR is set or TERM=dumb)\n"
    "  -q, --quiet             text report without the summary line\n"
    "  --max-memory MIB        memory per policy bundle's Lua state (default 64)\n"
    "  --max-instructions N    Lua instructions per rule and document (default 50000000)\n"
    "  --max-findings N        findings per rule and document (default 1000)\n"
    "  --config FILE           read the configuration from FILE (default: the nearest\n"
    "                          .plimsoll.yaml from the current directory up)\n"
    "  --no-config             read no configuration file\n"
    "  --show-suppressed       list suppressed findings in the text report too\n"
    "  --allow-empty           a run that finds nothing to check is clean, not an error\n"
    "  -j, --jobs N            worker processes (default: the number of CPUs)\n"
    "  --timeout MS            wall-clock limit per rule and document, in ms (default 5000)\n"
    "  --no-isolation          evaluate in this process, without workers: for benchmarks\n"
    "                          and debugging only (no deadline, no seccomp)\n"
    "  -h, --help              show this help\n"
    "  -V, --version           print the version\n"
    "\n"
    "exit status: 0 clean, 1 findings at or above --fail-on, 2 error.\n";

enum {
    OPT_POLICY,
    OPT_NO_BUILTIN,
    OPT_TYPE,
    OPT_BUILD_ARG,
    OPT_FORMAT,
    OPT_OUTPUT,
    OPT_FAIL_ON,
    OPT_COLOR,
    OPT_QUIET,
    OPT_MAX_MEMORY,
    OPT_MAX_INSTRUCTIONS,
    OPT_MAX_FINDINGS,
    OPT_HELP,
    OPT_VERSION,
    OPT_PRESET,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_SHOW_SUPPRESSED,
    OPT_LOCKED,
    OPT_LOCKFILE,
    OPT_TRACE,
    OPT_JOBS,
    OPT_TIMEOUT,
    OPT_NO_ISOLATION,
    OPT_VERBOSE,
    OPT_ALLOW_EMPTY,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
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
    {"preset", 0, true, OPT_PRESET},
    {"config", 0, true, OPT_CONFIG},
    {"no-config", 0, false, OPT_NO_CONFIG},
    {"show-suppressed", 0, false, OPT_SHOW_SUPPRESSED},
    {"jobs", 'j', true, OPT_JOBS},
    {"timeout", 0, true, OPT_TIMEOUT},
    {"no-isolation", 0, false, OPT_NO_ISOLATION},
    {"help", 'h', false, OPT_HELP},
    {"version", 'V', false, OPT_VERSION},
    {"locked", 0, false, OPT_LOCKED},
    {"lockfile", 0, true, OPT_LOCKFILE},
    {"trace", 0, true, OPT_TRACE},
    {"verbose", 'v', false, OPT_VERBOSE},
    {"allow-empty", 0, false, OPT_ALLOW_EMPTY},
    {"baseline", 0, true, OPT_BASELINE},
    {"write-baseline", 0, true, OPT_WRITE_BASELINE},
    {NULL, 0, false, 0},
};

typedef enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

typedef struct check_opts {
    cli_strs paths, policies, build_args;
    cli_strs sorted; /* paths, sorted for lookups */
    bool no_builtin, quiet, stdin_given, locked, verbose;
    const char *lockfile, *trace;
    pl_doc_kind type; /* PL_DOC_UNKNOWN: not given */
    pl_format format;
    const char *output;
    /* reports to files of their own (-f FORMAT:FILE), beside the one above */
    struct {
        pl_format format;
        const char *path; /* points into word */
        char *word;       /* owned: "FORMAT\0FILE" */
    } extra[16];
    size_t nextra;
    const char *baseline, *write_baseline;
    bool baseline_only; /* plimsoll baseline: write the baseline, no report */
    pl_severity fail_on;
    const char *preset;
    color_mode color;
    pl_limits limits;
    const char *config_path;
    bool no_config, show_suppressed;
    /* what the command line set, so the configuration fills in only the rest */
    bool format_set, fail_on_set, memory_set, instructions_set, findings_set, timeout_set;
    /* the run's filter state */
    pl_config *cfg; /* NULL: no configuration */
    const char *today;
    const char *cwd;
    bool unused_as_errors;
    pl_pool_opts pool;
    pl_build_args args; /* build_args as the pool keeps them (must outlive it) */
    bool no_isolation;
    bool allow_empty;
} check_opts;

static void opts_free(check_opts *o) {
    cli_strs_free(&o->paths);
    cli_strs_free(&o->policies);
    cli_strs_free(&o->build_args);
    cli_strs_free(&o->sorted);
    for (size_t i = 0; i < o->nextra; i++)
        free(o->extra[i].word);
}

/* One -f value: FORMAT, or FORMAT:FILE for a report of its own; several comma-separated. */
static int parse_format(check_opts *o, const char *v) {
    for (const char *s = v;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        char *word = strndup(s, n);
        if (!word)
            pl_out_of_memory();
        char *colon = strchr(word, ':');
        if (colon)
            *colon = '\0';
        pl_format f;
        if (pl_format_parse(word, &f) != 0) {
            int st =
                cli_usage_error("check: --format must be one of %s (optionally :FILE), not '%s'",
                                pl_format_names(), word);
            free(word);
            return st;
        }
        if (colon && !colon[1]) {
            free(word);
            return cli_usage_error("check: --format %.*s: no file name after ':'", (int)n, s);
        }
        if (colon) {
            if (o->nextra == sizeof o->extra / sizeof o->extra[0]) {
                free(word);
                return cli_usage_error("check: at most 16 reports to files");
            }
            o->extra[o->nextra].format = f;
            o->extra[o->nextra].path = colon + 1;
            o->extra[o->nextra].word = word;
            o->nextra++;
        } else {
            o->format = f;
            o->format_set = true;
            free(word);
        }
        if (!comma)
            return -1;
        s = comma + 1;
    }
}

/* Before any work: every file a report or baseline will be written to can be written
 * (a directory that exists and takes files, and no directory in the file's place), so a
 * long run does not end with nowhere to put its result. */
static int check_writable(const char *path, const char *what) {
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return cli_usage_error("check: %s %s is a directory", what, path);
        if (access(path, W_OK) != 0) {
            fprintf(stderr, "plimsoll: check: %s %s: %s\n", what, path, strerror(errno));
            return CLI_EXIT_ERROR;
        }
        return -1;
    }
    char *dir = strdup(path);
    if (!dir)
        pl_out_of_memory();
    char *slash = strrchr(dir, '/');
    const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
    int st_ = -1;
    if (access(d, W_OK | X_OK) != 0) {
        fprintf(stderr, "plimsoll: check: %s %s: cannot create it in %s: %s\n", what, path, d,
                strerror(errno));
        st_ = CLI_EXIT_ERROR;
    }
    free(dir);
    return st_;
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
        case CLI_BAD: return cli_usage_error("%s", msg);
        case CLI_OPERAND:
            if (strcmp(v, "-") == 0) {
                if (o->stdin_given)
                    return cli_usage_error("check: '-' (standard input) given twice");
                o->stdin_given = true;
            } else {
                cli_strs_push(&o->paths, v);
            }
            break;
        case OPT_POLICY: cli_strs_push(&o->policies, v); break;
        case OPT_NO_BUILTIN: o->no_builtin = true; break;
        case OPT_TYPE:
            if (pl_doc_kind_parse(v, &o->type) != 0 || o->type == PL_DOC_UNKNOWN)
                return cli_usage_error("check: --type must be dockerfile or image, not '%s'", v);
            break;
        case OPT_BUILD_ARG:
            if (v[0] == '\0' || v[0] == '=')
                return cli_usage_error("check: --build-arg needs KEY=VALUE, not '%s'", v);
            cli_strs_push(&o->build_args, v);
            break;
        case OPT_FORMAT: {
            int st = parse_format(o, v);
            if (st >= 0)
                return st;
            break;
        }
        case OPT_BASELINE:
            if (!*v)
                return cli_usage_error("check: --baseline needs a file name");
            o->baseline = v;
            break;
        case OPT_WRITE_BASELINE:
            if (!*v)
                return cli_usage_error("check: --write-baseline needs a file name");
            o->write_baseline = v;
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
            o->fail_on_set = true;
            break;
        case OPT_COLOR:
            if (strcmp(v, "auto") == 0)
                o->color = COLOR_AUTO;
            else if (strcmp(v, "always") == 0)
                o->color = COLOR_ALWAYS;
            else if (strcmp(v, "never") == 0)
                o->color = COLOR_NEVER;
            else
                return cli_usage_error("check: --color must be auto, always or never, not '%s'", v);
            break;
        case OPT_QUIET: o->quiet = true; break;
        case OPT_MAX_MEMORY:
            if (cli_parse_count(v, 1, 1024 * 1024, &n) != 0)
                return cli_usage_error("check: --max-memory wants MiB from 1 to 1048576, not '%s'",
                                       v);
            o->limits.memory_bytes = (size_t)n * 1024 * 1024;
            o->memory_set = true;
            break;
        case OPT_MAX_INSTRUCTIONS:
            if (cli_parse_count(v, 1, UINT64_MAX, &n) != 0)
                return cli_usage_error("check: --max-instructions wants a positive count, not '%s'",
                                       v);
            o->limits.instructions = n;
            o->instructions_set = true;
            break;
        case OPT_MAX_FINDINGS:
            if (cli_parse_count(v, 1, SIZE_MAX, &n) != 0)
                return cli_usage_error("check: --max-findings wants a positive count, not '%s'", v);
            o->limits.max_findings = (size_t)n;
            o->findings_set = true;
            break;
        case OPT_PRESET:
            if (strcmp(v, "default") != 0 && strcmp(v, "strict") != 0)
                return cli_usage_error("check: --preset must be default or strict, not '%s'", v);
            o->preset = v;
            break;
        case OPT_CONFIG:
            if (v[0] == '\0')
                return cli_usage_error("check: --config needs a file name");
            o->config_path = v;
            break;
        case OPT_NO_CONFIG: o->no_config = true; break;
        case OPT_SHOW_SUPPRESSED: o->show_suppressed = true; break;
        case OPT_LOCKED: o->locked = true; break;
        case OPT_LOCKFILE:
            if (!*v)
                return cli_usage_error("check: --lockfile needs a file name");
            o->lockfile = v;
            o->locked = true;
            break;
        case OPT_VERBOSE: o->verbose = true; break;
        case OPT_TRACE:
            if (!*v)
                return cli_usage_error("check: --trace needs a rule id");
            o->trace = v;
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
            o->timeout_set = true;
            break;
        case OPT_NO_ISOLATION: o->no_isolation = true; break;
        case OPT_ALLOW_EMPTY: o->allow_empty = true; break;
        case OPT_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        case OPT_VERSION: return cli_print_version();
        }
    }
    if (o->config_path && o->no_config)
        return cli_usage_error("check: --config and --no-config contradict each other");
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
    return isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL &&
           !(term && strcmp(term, "dumb") == 0);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* o->sorted holds the operands sorted: a CI job may name ten thousand files, and a linear
 * scan per file made that quadratic */
static bool named_explicitly(const check_opts *o, const char *path) {
    return o->sorted.n &&
           bsearch(&path, o->sorted.items, o->sorted.n, sizeof *o->sorted.items, cmp_str) != NULL;
}

/* A document whose findings a parallel run filters in this process once the workers are
 * done: workers send findings, not documents, and the inline suppressions and the
 * exceptions' stages are read from the document. Kept only for files that need it. */
typedef struct deferred {
    pl_arena arena;
    char *path;
    pl_document *doc;
    pl_suppression_list sup;
} deferred;

typedef struct deferred_list {
    deferred *items;
    size_t n, cap;
} deferred_list;

/* memmem, which C11 and POSIX lack: a byte search that tolerates NULs in the text. */
static bool contains(const char *text, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++) {
        const char *p = memchr(text + i, needle[0], len - n + 1 - i);
        if (!p)
            return false;
        i = (size_t)(p - text);
        if (memcmp(p, needle, n) == 0)
            return true;
    }
    return false;
}

/* Does this input need filtering at all? Any configured exception might apply; inline
 * suppressions are comments that name ignore= or check=, which a byte search finds. */
static bool needs_filter(const check_opts *o, pl_doc_kind kind, const char *text, size_t len) {
    if (o->cfg && o->cfg->nexceptions)
        return true;
    return kind == PL_DOC_DOCKERFILE &&
           (contains(text, len, "ignore=") || contains(text, len, "check="));
}

/* Parses the input here (it is small; the workers parse it too) and keeps what the
 * filter will need. A parse error is the worker's to report. */
static void defer_filter(deferred_list *l, const check_opts *o, const char *display,
                         pl_doc_kind kind, const char *text, size_t len, pl_results *res) {
    deferred d = {0};
    pl_arena_init(&d.arena);
    pl_document *docs = NULL;
    size_t ndocs = 0;
    pl_error err = {0};
    pl_build_args args = {o->build_args.items, o->build_args.n};
    if (kind == PL_DOC_DOCKERFILE) {
        if (pl_document_load(&d.arena, kind, display, text, len, o->build_args.n ? &args : NULL,
                             &docs, &ndocs, &err) != 0 ||
            ndocs != 1) {
            pl_arena_free(&d.arena);
            return;
        }
        d.doc = &docs[0];
        pl_suppressions_collect(&d.arena, d.doc->dockerfile, &d.sup, res);
    } else {
        /* exceptions need only the path of an image */
        d.doc = pl_arena_alloc(&d.arena, sizeof *d.doc);
        d.doc->kind = kind;
        d.doc->path = pl_arena_strdup(&d.arena, display);
    }
    d.path = pl_arena_strdup(&d.arena, display);
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        if (!l->items)
            abort();
    }
    l->items[l->n++] = d;
}

static int cmp_finding_path(const void *key, const void *elem) {
    const pl_finding *f = elem;
    return strcmp((const char *)key, f->path ? f->path : "");
}

/* After the pool is done: findings sorted by path, each deferred document filters its own. */
static void run_deferred(deferred_list *l, pl_engine *e, const check_opts *o, pl_results *res) {
    if (!l->n)
        return;
    pl_results_sort(res);
    for (size_t k = 0; k < l->n; k++) {
        deferred *d = &l->items[k];
        size_t lo = 0, hi = res->nfindings;
        const pl_finding *hit = res->nfindings ? bsearch(d->path, res->findings, res->nfindings,
                                                         sizeof *res->findings, cmp_finding_path)
                                               : NULL;
        if (hit) {
            lo = hi = (size_t)(hit - res->findings);
            while (lo > 0 && strcmp(res->findings[lo - 1].path, d->path) == 0)
                lo--;
            while (hi < res->nfindings && strcmp(res->findings[hi].path, d->path) == 0)
                hi++;
        } else {
            lo = hi = 0;
        }
        pl_filter_apply_range(res, lo, hi, d->doc, e, &d->sup, o->cfg, o->today, o->cwd);
        if (d->doc->kind == PL_DOC_DOCKERFILE)
            pl_suppressions_report_unused(&d->sup, d->path, e, o->unused_as_errors, res);
    }
}

static void deferred_free(deferred_list *l) {
    for (size_t k = 0; k < l->n; k++)
        pl_arena_free(&l->items[k].arena);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Reads one input and decides its kind, then parses and evaluates it here or hands it to
 * the worker pool; every failure becomes a problem in res. */
static void check_one(pl_engine *e, pl_pool *pool, deferred_list *later, const check_opts *o,
                      const char *path, const char *display, pl_doc_kind kind, pl_results *res) {
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
        /* the parent reads the build context: a confined worker cannot open files */
        pl_context_source ctx = {0};
        bool have_ctx = kind == PL_DOC_DOCKERFILE && strcmp(path, "-") != 0;
        if (have_ctx && pl_context_read(&a, path, &ctx, &err) != 0) {
            pl_results_add_problem(res, err.path ? err.path : display, 0, 0, NULL, err.message);
            have_ctx = false;
        }
        if (needs_filter(o, kind, text, len))
            defer_filter(later, o, display, kind, text, len, res);
        pl_pool_doc d = {
            kind, display, text, len, o->build_args.n ? &o->args : NULL, have_ctx ? &ctx : NULL};
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
    if (ndocs == 1 && pl_document_attach_context(&a, &docs[0], path, &err) != 0)
        pl_results_add_problem(res, err.path ? err.path : display, 0, 0, NULL, err.message);
    for (size_t i = 0; i < ndocs; i++) {
        size_t first = res->nfindings;
        pl_engine_evaluate(e, &docs[i], res);
        pl_suppression_list sup;
        pl_suppressions_collect(&a, docs[i].dockerfile, &sup, res);
        pl_filter_apply(res, first, &docs[i], e, &sup, o->cfg, o->today, o->cwd);
        pl_suppressions_report_unused(&sup, docs[i].path, e, o->unused_as_errors, res);
    }
    pl_results_add_target(res, display, pl_doc_kind_name(kind), "ok");
    pl_arena_free(&a);
}

/* A run that checked nothing must not look like a clean one: a CI job whose paths moved
 * would pass forever. */
static void nothing_to_check(const check_opts *o, pl_results *res) {
    pl_buf m;
    pl_buf_init(&m);
    pl_buf_puts(&m, "nothing to check: no Dockerfile, Containerfile or image configuration "
                    "was found in ");
    for (size_t i = 0; i < o->paths.n; i++) {
        if (i == 3 && o->paths.n > 4) {
            pl_buf_printf(&m, " and %zu more", o->paths.n - 3);
            break;
        }
        pl_buf_printf(&m, "%s%s", i ? ", " : "", o->paths.items[i]);
    }
    pl_buf_puts(&m, " (docs/cli.md lists the names looked for); give --allow-empty if "
                    "finding nothing is expected");
    pl_results_add_problem(res, NULL, 0, 0, NULL, m.data);
    pl_buf_free(&m);
}

/* Writes data to path (atomically, see pl_file_write_atomic) or, for NULL, to stdout. */
static int put(const char *path, const pl_buf *data) {
    if (path) {
        pl_error err = {0};
        if (pl_file_write_atomic(path, data->data ? data->data : "", data->len, &err) != 0) {
            cli_print_error(&err, path);
            return -1;
        }
    } else if (cli_write_stdout(data->data ? data->data : "", data->len) != 0) {
        fprintf(stderr,
                "plimsoll: cannot write the report to standard output (%s); "
                "use -o FILE to write it to a file\n",
                strerror(errno));
        return -1;
    }
    return 0;
}

/* Every requested report, from the one set of results: the main one (stdout or
 * --output), each -f FORMAT:FILE, and the baseline. */
static int emit(const check_opts *o, const pl_results *res) {
    pl_report_opts ro = {.color = use_color(o),
                         .quiet = o->quiet,
                         .fail_on = o->fail_on,
                         .show_suppressed = o->show_suppressed,
                         .docs_url = PL_DOCS_URL};
    int status = 0;
    pl_buf out;
    pl_buf_init(&out);
    if (!o->baseline_only && (o->nextra == 0 || o->format_set || o->output)) {
        pl_report_write(o->format, res, &ro, &out);
        status |= put(o->output, &out);
    }
    ro.color = false; /* a file is not a terminal */
    for (size_t i = 0; i < o->nextra; i++) {
        out.len = 0;
        pl_report_write(o->extra[i].format, res, &ro, &out);
        status |= put(o->extra[i].path, &out);
    }
    pl_buf_free(&out);
    if (o->write_baseline) {
        char *text = pl_baseline_text(res);
        pl_buf b = {text, strlen(text), strlen(text) + 1};
        size_t entries = 0;
        for (const char *p = text; (p = strchr(p, '\n')); p++)
            entries += p[1] && p[1] != '#';
        if (put(o->write_baseline, &b) == 0)
            fprintf(stderr, "plimsoll: wrote %zu finding%s to the baseline %s\n", entries,
                    entries == 1 ? "" : "s", o->write_baseline);
        else
            status = -1;
        free(text);
    }
    return status ? -1 : 0;
}

/* check, or with baseline_cmd `plimsoll baseline`: the same run, which writes the
 * baseline (to -o FILE, default ./plimsoll.baseline) instead of a report. */
static int run_check(int argc, char **argv, bool baseline_cmd) {
    check_opts o = {0};
    o.fail_on = PL_SEV_LOW;
    o.format = PL_FORMAT_TEXT;
    o.color = COLOR_AUTO;
    pl_limits_default(&o.limits);
    o.pool.timeout_ms = PL_DEFAULT_TIMEOUT_MS;
    int status = parse_args(argc, argv, &o);
    if (status >= 0) {
        opts_free(&o);
        return status;
    }
    if (baseline_cmd) {
        if (o.nextra || o.baseline || o.write_baseline) {
            opts_free(&o);
            return cli_usage_error("baseline: -f FORMAT:FILE, --baseline and --write-baseline "
                                   "are check's; give the baseline's file with -o FILE");
        }
        o.baseline_only = true;
        o.write_baseline = o.output ? o.output : PL_BASELINE_FILE;
        o.output = NULL;
    }

    /* the settings: defaults, then the configuration file, then the command line */
    pl_cli_settings cs = {
        .config_path = o.config_path,
        .no_config = o.no_config,
        .policies = o.policies.items,
        .npolicies = o.policies.n,
        .no_builtin = o.no_builtin,
        .preset = o.preset,
        .has_fail_on = o.fail_on_set,
        .fail_on = o.fail_on,
        .memory_bytes = o.memory_set ? o.limits.memory_bytes : 0,
        .instructions = o.instructions_set ? o.limits.instructions : 0,
        .max_findings = o.findings_set ? o.limits.max_findings : 0,
        .timeout_ms = o.timeout_set ? o.pool.timeout_ms : 0,
        .build_args = o.build_args.items,
        .nbuild_args = o.build_args.n,
        .locked = o.locked,
        .lockfile = o.lockfile,
    };
    pl_settings st;
    status = cli_settings_open(&cs, &st);
    if (status >= 0) {
        pl_settings_free(&st);
        opts_free(&o);
        return status;
    }
    bool have_cfg = st.have_config;
    char today[11];
    if (cli_today(today) != 0) {
        pl_settings_free(&st);
        opts_free(&o);
        return cli_usage_error("check: PLIMSOLL_TODAY must be a date YYYY-MM-DD");
    }
    char cwd[4096];
    pl_error err0 = {0};
    o.today = today;
    o.cwd = getcwd(cwd, sizeof cwd) ? cwd : NULL;
    o.cfg = have_cfg ? &st.config : NULL;
    o.no_builtin = !st.builtin;
    o.fail_on = st.fail_on;
    if (!o.format_set)
        pl_format_parse(st.format, &o.format);
    o.preset = st.preset;
    o.limits = st.limits;
    o.pool.timeout_ms = st.timeout_ms;
    o.unused_as_errors = st.unused_suppressions_error;
    o.locked = st.locked;
    o.policies.n = o.build_args.n = 0;
    for (size_t i = 0; i < st.npolicies; i++)
        cli_strs_push(&o.policies, st.policies[i]);
    for (size_t i = 0; i < st.nbuild_args; i++)
        cli_strs_push(&o.build_args, st.build_args[i]);

    /* before any work: where the reports go can be written, and a baseline is one */
    status = -1;
    if (o.output)
        status = check_writable(o.output, "--output");
    for (size_t i = 0; status < 0 && i < o.nextra; i++)
        status = check_writable(o.extra[i].path, "report file");
    if (status < 0 && o.write_baseline)
        status = check_writable(o.write_baseline, "baseline");
    pl_baseline *baseline = NULL;
    if (status < 0 && o.baseline && pl_baseline_read(o.baseline, &baseline, &err0) != 0) {
        cli_print_error(&err0, o.baseline);
        status = CLI_EXIT_ERROR;
    }
    if (status >= 0) {
        pl_settings_free(&st);
        opts_free(&o);
        return status;
    }

    pl_target_list targets = {0};
    pl_error err = {0};
    if (o.paths.n && pl_discover(o.paths.items, o.paths.n, &targets, &err) != 0) {
        pl_settings_free(&st);
        opts_free(&o);
        bool named = !err.path || strstr(err.message, err.path);
        pl_baseline_free(baseline);
        return cli_usage_error("check: %s%s%s", named ? "" : err.path, named ? "" : ": ",
                               err.message);
    }

    for (size_t i = 0; i < o.paths.n; i++)
        cli_strs_push(&o.sorted, o.paths.items[i]);
    if (o.sorted.n)
        qsort(o.sorted.items, o.sorted.n, sizeof *o.sorted.items, cmp_str);

    pl_results res;
    pl_results_init(&res);
    res.count_passes = true; /* reports count passes; listing them is most of a big run */
    /* what the walk could not enter is an error of the run; what it left out, a note */
    for (size_t i = 0; i < targets.nissues; i++) {
        const pl_discover_issue *is = &targets.issues[i];
        if (is->error)
            pl_results_add_problem(&res, is->path, 0, 0, NULL, is->message);
        else
            pl_results_add_note(&res, is->path, 0, 0, NULL, is->message);
    }
    if (targets.n == 0 && !o.stdin_given && !o.allow_empty)
        nothing_to_check(&o, &res);
    if (o.locked) {
        /* verified before anything is loaded: an unpinned rule never runs. The lockfile
         * sits beside the configuration file when there is one, as `plimsoll lock` puts it. */
        const char *lockfile = st.lockfile;
        if (pl_lock_verify(lockfile, o.policies.items, o.policies.n, &res) != 0) {
            cli_print_problems(&res);
            fprintf(stderr,
                    "plimsoll: check: %s: the policy bundles do not match %s; "
                    "review the change, then run 'plimsoll lock' to pin it\n",
                    o.lockfile ? "--lockfile" : "locked", lockfile);
            pl_results_free(&res);
            pl_target_list_free(&targets);
            pl_settings_free(&st);
            opts_free(&o);
            pl_baseline_free(baseline);
            return CLI_EXIT_ERROR;
        }
    }
    pl_engine *e = pl_settings_load_engine(&st, &res, &err);
    if (!e) {
        cli_print_error(&err, NULL);
        pl_results_free(&res);
        pl_target_list_free(&targets);
        pl_settings_free(&st);
        opts_free(&o);
        pl_baseline_free(baseline);
        return CLI_EXIT_ERROR;
    }
    if (pl_engine_rule_count(e) == 0 && res.nproblems == 0)
        pl_results_add_problem(&res, NULL, 0, 0, NULL,
                               "no rules loaded (--no-builtin without a --policy that has rules)");
    for (size_t i = 0; i < pl_engine_rule_count(e); i++)
        pl_results_add_rule(&res, pl_engine_rule(e, i));
    pl_engine_set_verbose(e, o.verbose); /* before the workers fork: they inherit it */
    if (o.trace && pl_engine_trace(e, o.trace, &err) != 0) {
        cli_print_problems(&res);
        status = cli_usage_error("check: %s", err.message);
        pl_results_free(&res);
        pl_engine_free(e);
        pl_target_list_free(&targets);
        pl_settings_free(&st);
        opts_free(&o);
        pl_baseline_free(baseline);
        return status;
    }

    /* workers fork now, while this process is small: fork time grows with its memory */
    pl_pool *pool = NULL;
    /* --trace runs in workers under the deadline like any check; the traced rule's record
     * comes back with its results. One worker keeps the trace in the order of the inputs. */
    if (o.trace)
        o.pool.jobs = 1;
    if (!o.no_isolation && (targets.n || o.stdin_given)) {
        o.args = (pl_build_args){o.build_args.items, o.build_args.n};
        pool = pl_pool_start(e, &o.pool, &err);
        if (!pool)
            fprintf(stderr,
                    "plimsoll: warning: %s; evaluating in this process without "
                    "isolation\n",
                    err.message);
    }
    deferred_list later = {0};
    for (size_t i = 0; i < targets.n; i++)
        check_one(e, pool, &later, &o, targets.items[i].path, targets.items[i].path,
                  targets.items[i].kind, &res);
    if (o.stdin_given)
        check_one(e, pool, &later, &o, "-", "<stdin>", o.type, &res);
    if (pool) {
        pl_pool_finish(pool, &res);
        if (pl_pool_warning(pool))
            fprintf(stderr, "plimsoll: warning: %s\n", pl_pool_warning(pool));
        pl_pool_free(pool);
    }
    run_deferred(&later, e, &o, &res);
    deferred_free(&later);

    if (have_cfg)
        pl_config_report_exceptions(&st.config, today, o.unused_as_errors, &res);

    pl_results_sort(&res);
    if (baseline) {
        pl_baseline_apply(baseline, o.baseline, &res);
        pl_baseline_free(baseline);
        baseline = NULL;
        pl_results_sort(&res);
    }
    status = pl_results_exit_code(&res, o.fail_on);
    if (emit(&o, &res) != 0)
        status = CLI_EXIT_ERROR;
    if (o.trace) {
        /* after the report, on stderr: a trace never mixes into a machine-read report */
        pl_buf t;
        pl_buf_init(&t);
        /* keys in labels come from the input: escaped line by line like report text */
        for (const char *p = pl_engine_trace_text(e); *p;) {
            const char *nl = strchr(p, '\n');
            size_t k = nl ? (size_t)(nl - p) : strlen(p);
            char *line = strndup(p, k);
            if (!line)
                abort();
            pl_report_escape(&t, line);
            pl_buf_puts(&t, "\n");
            free(line);
            p += k + (nl != NULL);
        }
        fputs(t.data ? t.data : "", stderr);
        pl_buf_free(&t);
    }
    pl_results_free(&res);
    pl_engine_free(e);
    pl_target_list_free(&targets);
    pl_settings_free(&st);
    opts_free(&o);
    /* the baseline records findings: they are its point, not a failure */
    if (baseline_cmd && status == CLI_EXIT_FINDINGS)
        status = CLI_EXIT_OK;
    return status;
}

int cli_check(int argc, char **argv) {
    return run_check(argc, argv, false);
}

int cli_baseline(int argc, char **argv) {
    return run_check(argc, argv, true);
}
