/* settings.c — the subcommands' settings (resolved by the engine's pl_settings_resolve,
 * with the error shown here), and the date exceptions expire against.
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
#include "plimsoll/settings.h"

#include "cli.h"

int cli_settings_open(const pl_cli_settings *cs, pl_settings *out) {
    char cwd[PATH_MAX];
    pl_error err = {0};
    if (pl_settings_resolve(cs, getcwd(cwd, sizeof cwd) ? cwd : NULL, out, &err) == 0)
        return -1;
    cli_print_error(&err, cs->config_path);
    return CLI_EXIT_ERROR;
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
