/* settings.c — defaults, then the configuration file, then the command line: one
 * resolution for every command, and the engine loaded from its result.
 *
 * Commands used to merge the file into their options each in its own way, so `rules`
 * ignored .plimsoll.yaml and `test` knew no limits but the defaults. Here every value
 * is decided once, with its origin, and the commands only read the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/bundle.h"
#include "plimsoll/lock.h"
#include "plimsoll/settings.h"

static pl_source from_file(pl_config_pos pos) {
    return (pl_source){PL_ORIGIN_FILE, pos};
}
static const pl_source from_cli = {PL_ORIGIN_CLI, {0, 0}};

static const char **list_join(pl_arena *a, const char *const *x, size_t nx, const char *const *y,
                              size_t ny) {
    const char **l = pl_arena_alloc(a, (nx + ny + 1) * sizeof *l);
    for (size_t i = 0; i < nx; i++)
        l[i] = pl_arena_strdup(a, x[i]);
    for (size_t i = 0; i < ny; i++)
        l[nx + i] = pl_arena_strdup(a, y[i]);
    return l;
}

int pl_settings_resolve(const pl_cli_settings *cli, const char *cwd, pl_settings *out,
                        pl_error *err) {
    memset(out, 0, sizeof *out);
    pl_arena_init(&out->arena);
    pl_limits_default(&out->limits);
    out->builtin = true;
    out->preset = "default";
    out->fail_on = PL_SEV_LOW;
    out->format = "text";
    out->timeout_ms = PL_DEFAULT_TIMEOUT_MS;

    if (!cli->no_config) {
        char *found = cli->config_path || !cwd ? NULL : pl_config_find(cwd);
        const char *path = cli->config_path ? cli->config_path : found;
        if (path) {
            /* err may point at the path or into the file's arena: both live until
             * pl_settings_free */
            path = pl_arena_strdup(&out->arena, path);
            free(found);
            out->have_config = true;
            if (pl_config_load(path, &out->config, err) != 0)
                return -1;
        }
    }
    const pl_config *c = out->have_config ? &out->config : NULL;

    /* the file */
    if (c) {
        if (c->builtin == 0) {
            out->builtin = false;
            out->builtin_src = from_file(c->builtin_pos);
        }
        if (c->preset) {
            out->preset = c->preset;
            out->preset_src = from_file(c->preset_pos);
        }
        if (c->has_fail_on) {
            out->fail_on = c->fail_on;
            out->fail_on_src = from_file(c->fail_on_pos);
        }
        if (c->format) {
            out->format = c->format;
            out->format_src = from_file(c->format_pos);
        }
        if (c->memory_mib) {
            out->limits.memory_bytes = (size_t)c->memory_mib * 1024 * 1024;
            out->memory_src = from_file(c->memory_mib_pos);
        }
        if (c->instructions) {
            out->limits.instructions = c->instructions;
            out->instructions_src = from_file(c->instructions_pos);
        }
        if (c->findings) {
            out->limits.max_findings = (size_t)c->findings;
            out->findings_src = from_file(c->findings_pos);
        }
        if (c->timeout_ms) {
            out->timeout_ms = (unsigned)c->timeout_ms;
            out->timeout_src = from_file(c->timeout_ms_pos);
        }
        if (c->locked == 1) {
            out->locked = true;
            out->locked_src = from_file(c->locked_pos);
        }
        out->unused_suppressions_error = c->unused_suppressions_error == 1;
    }

    /* the command line */
    if (cli->no_builtin) {
        out->builtin = false;
        out->builtin_src = from_cli;
    }
    if (cli->preset) {
        out->preset = cli->preset;
        out->preset_src = from_cli;
    }
    if (cli->has_fail_on) {
        out->fail_on = cli->fail_on;
        out->fail_on_src = from_cli;
    }
    if (cli->format) {
        out->format = cli->format;
        out->format_src = from_cli;
    }
    if (cli->memory_bytes) {
        out->limits.memory_bytes = cli->memory_bytes;
        out->memory_src = from_cli;
    }
    if (cli->instructions) {
        out->limits.instructions = cli->instructions;
        out->instructions_src = from_cli;
    }
    if (cli->max_findings) {
        out->limits.max_findings = cli->max_findings;
        out->findings_src = from_cli;
    }
    if (cli->timeout_ms) {
        out->timeout_ms = cli->timeout_ms;
        out->timeout_src = from_cli;
    }
    if (cli->locked || cli->lockfile) {
        out->locked = true;
        out->locked_src = from_cli;
    }

    /* lists: the file's first, then the command line's; a bundle directory once */
    out->policies = list_join(&out->arena, c ? c->policies : NULL, c ? c->npolicies : 0,
                              cli->policies, cli->npolicies);
    out->npolicies = pl_bundle_dirs_unique(out->policies, (c ? c->npolicies : 0) + cli->npolicies);
    out->build_args = list_join(&out->arena, c ? c->build_args : NULL, c ? c->nbuild_args : 0,
                                cli->build_args, cli->nbuild_args);
    out->nbuild_args = (c ? c->nbuild_args : 0) + cli->nbuild_args;

    /* the lockfile sits beside the configuration file, where `plimsoll lock` puts it */
    if (cli->lockfile) {
        out->lockfile = pl_arena_strdup(&out->arena, cli->lockfile);
    } else if (c) {
        size_t n = strlen(c->dir) + sizeof "/" PL_LOCK_FILE;
        char *p = pl_arena_alloc(&out->arena, n);
        snprintf(p, n, "%s/%s", c->dir, PL_LOCK_FILE);
        out->lockfile = p;
    } else {
        out->lockfile = PL_LOCK_FILE;
    }
    return 0;
}

void pl_settings_free(pl_settings *s) {
    if (s->have_config)
        pl_config_free(&s->config);
    pl_arena_free(&s->arena);
    memset(s, 0, sizeof *s);
}

pl_engine *pl_settings_load_engine(const pl_settings *s, pl_results *res, pl_error *err) {
    pl_engine *e = pl_engine_new(&s->limits);
    pl_engine_set_load_deadline(e, s->timeout_ms);
    if (s->builtin)
        pl_engine_add_builtin(e, res);
    for (size_t i = 0; i < s->npolicies; i++)
        pl_engine_add_bundle_manifest(e, s->policies[i], NULL, res);
    pl_engine_set_preset(e, s->preset, NULL);
    if (s->have_config && pl_config_apply(&s->config, e, err) != 0) {
        pl_engine_free(e);
        return NULL;
    }
    return e;
}

pl_pool_opts pl_settings_pool_opts(const pl_settings *s, unsigned jobs) {
    return (pl_pool_opts){.jobs = jobs, .timeout_ms = s->timeout_ms};
}
