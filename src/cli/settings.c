/* settings.c — finding and loading the configuration file for the subcommands, and the
 * date exceptions expire against.
 *
 * The date is the only clock the CLI reads, and only to decide expiry; PLIMSOLL_TODAY
 * pins it so tests (and reproducible CI runs) do not depend on the day they run. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plimsoll/config.h"

#include "cli.h"

int cli_config_open(const char *explicit_path, bool none, pl_config *out, bool *have) {
    *have = false;
    memset(out, 0, sizeof *out);
    if (none)
        return -1;
    char *found = NULL;
    const char *path = explicit_path;
    if (!path) {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return -1;
        found = pl_config_find(cwd);
        if (!found)
            return -1;
        path = found;
    }
    pl_error err = {0};
    int rc = pl_config_load(path, out, &err);
    if (rc != 0) {
        fprintf(stderr, "plimsoll: %s", err.path ? err.path : path);
        if (err.line > 0)
            fprintf(stderr, ":%d:%d", err.line, err.column);
        fprintf(stderr, ": %s\n", err.message);
        pl_config_free(out);
        free(found);
        return CLI_EXIT_ERROR;
    }
    free(found);
    *have = true;
    return -1;
}

int cli_today(char out[11]) {
    const char *env = getenv("PLIMSOLL_TODAY");
    if (env && *env) {
        if (!pl_date_valid(env))
            return -1;
        memcpy(out, env, 10);
        out[10] = 0;
        return 0;
    }
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
        return -1;
    return 0;
}
