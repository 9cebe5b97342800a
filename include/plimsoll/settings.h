/* settings.h — what a run is configured with, resolved one way for every command.
 *
 * Each value comes from the defaults, then the configuration file (.plimsoll.yaml, found
 * or given), then the command line, and keeps where it came from, so `check`, `rules`,
 * `test`, `lock` and `config` load the same bundles with the same preset, rule settings
 * and limits, and `plimsoll config` can say why. Loading the engine from settings is one
 * call too, so no command wires bundles, preset and rule settings its own way. */
#ifndef PLIMSOLL_SETTINGS_H
#define PLIMSOLL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/config.h"
#include "plimsoll/core.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"
#include "plimsoll/worker.h"

/* Where a value came from: the default, the configuration file (at pos), or the command
 * line. */
typedef enum pl_origin { PL_ORIGIN_DEFAULT, PL_ORIGIN_FILE, PL_ORIGIN_CLI } pl_origin;

typedef struct pl_source {
    pl_origin origin;
    pl_config_pos pos; /* in the file, for PL_ORIGIN_FILE */
} pl_source;

/* What the command line said. Zero (NULL, 0, false) is "not given": the file's value or
 * the default applies. The arrays are borrowed. */
typedef struct pl_cli_settings {
    const char *config_path; /* --config FILE; NULL: the nearest .plimsoll.yaml */
    bool no_config;          /* --no-config */
    const char *const *policies;
    size_t npolicies; /* --policy, after the file's */
    bool no_builtin;
    const char *preset; /* "default" or "strict" */
    bool has_fail_on;
    pl_severity fail_on;
    const char *format;    /* "text" or "json" */
    size_t memory_bytes;   /* --max-memory */
    uint64_t instructions; /* --max-instructions */
    size_t max_findings;   /* --max-findings */
    unsigned timeout_ms;   /* --timeout */
    const char *const *build_args;
    size_t nbuild_args;   /* after the file's, so they win */
    bool locked;          /* --locked (or --lockfile) */
    const char *lockfile; /* --lockfile */
} pl_cli_settings;

typedef struct pl_settings {
    pl_config config; /* the file (freed by pl_settings_free) */
    bool have_config;
    const char **policies;
    size_t npolicies; /* the file's, then --policy; each dir once */
    bool builtin;
    pl_source builtin_src;
    const char *preset;
    pl_source preset_src;
    pl_severity fail_on;
    pl_source fail_on_src;
    const char *format;
    pl_source format_src;
    pl_limits limits;
    pl_source memory_src, instructions_src, findings_src;
    unsigned timeout_ms;
    pl_source timeout_src; /* the deadline per rule and document */
    const char **build_args;
    size_t nbuild_args;
    bool locked;
    pl_source locked_src;
    const char *lockfile; /* --lockfile, else beside the configuration, else ./ */
    bool unused_suppressions_error;
    pl_arena arena; /* the strings and arrays above */
} pl_settings;

/* Resolves settings: reads the configuration (cli->config_path, else the nearest
 * .plimsoll.yaml from cwd up, unless cli->no_config) and lays the command line over it.
 * Returns 0, or -1 with err (the file's path, line and column) when the file is broken;
 * *out is safe to free either way. */
int pl_settings_resolve(const pl_cli_settings *cli, const char *cwd, pl_settings *out,
                        pl_error *err);
void pl_settings_free(pl_settings *s);

/* Loads the engine as check runs it: the built-in bundle (unless builtin is off), each
 * policy directory, the preset, then the configuration's rules: settings (enabled,
 * severity, parameters). Load problems go to res (the rules that loaded are kept).
 * Returns the engine, or NULL with err at the configuration's line when a rules: entry
 * names an unknown rule or parameter or a value of the wrong type. */
pl_engine *pl_settings_load_engine(const pl_settings *s, pl_results *res, pl_error *err);

/* The limits policy code runs under, as the worker pool takes them: the deadline per
 * rule and document, jobs workers (0: one per CPU). */
pl_pool_opts pl_settings_pool_opts(const pl_settings *s, unsigned jobs);

#endif
