/* lock.c — `plimsoll lock`: pin the content of the policy bundles in plimsoll.lock.
 *
 * The lockfile is written only when every bundle reads cleanly, so a half-written pin
 * never replaces a good one; `plimsoll check --locked` verifies it (engine/lock.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/lock.h"
#include "plimsoll/settings.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll lock [OPTIONS] [--policy DIR...]\n"
    "\n"
    "Writes plimsoll.lock: for each policy bundle, its name and version (from bundle.yaml),\n"
    "its path, and sha256 digests of each of its files and of the whole bundle. Commit it;\n"
    "'plimsoll check --locked' then refuses a bundle whose content no longer matches.\n"
    "\n"
    "options:\n"
    "  --policy DIR        a policy bundle to pin (repeatable), after the configuration's\n"
    "  --config FILE       read the bundles of FILE's 'policies:' (default: the nearest\n"
    "                      .plimsoll.yaml, as check finds it)\n"
    "  --no-config         read no configuration file\n"
    "  -o, --output FILE   the lockfile to write (default: beside the configuration file,\n"
    "                      else ./plimsoll.lock)\n"
    "  -h, --help          show this help\n";

enum { OPT_POLICY, OPT_OUTPUT, OPT_HELP, OPT_CONFIG, OPT_NO_CONFIG };

static const cli_opt options[] = {
    {"policy", 0, true, OPT_POLICY},        {"config", 0, true, OPT_CONFIG},
    {"no-config", 0, false, OPT_NO_CONFIG}, {"output", 'o', true, OPT_OUTPUT},
    {"help", 'h', false, OPT_HELP},         {NULL, 0, false, 0},
};

int cli_lock(int argc, char **argv) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "lock");
    cli_strs policies = {0}, given = {0};
    const char *output = NULL, *config_path = NULL;
    bool no_config = false;
    char msg[256];
    const char *v;
    int id, status = -1;
    while (status < 0 && (id = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (id) {
        case CLI_BAD: status = cli_usage_error("%s", msg); break;
        case CLI_OPERAND:
            status = cli_usage_error("lock: unexpected '%s' (give bundles with --policy DIR)", v);
            break;
        case OPT_POLICY: cli_strs_push(&given, v); break;
        case OPT_CONFIG:
            if (!*v)
                status = cli_usage_error("lock: --config needs a file name");
            config_path = v;
            break;
        case OPT_NO_CONFIG: no_config = true; break;
        case OPT_OUTPUT:
            if (!*v)
                status = cli_usage_error("lock: --output needs a file name");
            output = v;
            break;
        case OPT_HELP:
            fputs(usage, stdout);
            status = CLI_EXIT_OK;
            break;
        }
    }
    /* the same bundles, in the same order, as check loads: the file's, then --policy */
    pl_settings st;
    memset(&st, 0, sizeof st);
    pl_cli_settings cs = {.config_path = config_path,
                          .no_config = no_config,
                          .policies = given.items,
                          .npolicies = given.n};
    if (status < 0)
        status = cli_settings_open(&cs, &st);
    for (size_t i = 0; status < 0 && i < st.npolicies; i++)
        cli_strs_push(&policies, st.policies[i]);
    cli_strs_free(&given);
    if (!output)
        output = st.lockfile;
    if (status < 0 && policies.n == 0)
        status = cli_usage_error("lock: no bundle to pin (give --policy DIR, or list them under "
                                 "'policies:' in .plimsoll.yaml)");
    if (status >= 0) {
        cli_strs_free(&policies);
        pl_settings_free(&st);
        return status;
    }
    pl_results res;
    pl_results_init(&res);
    if (pl_lock_write(output, policies.items, policies.n, &res) != 0) {
        cli_print_problems(&res);
        fprintf(stderr, "plimsoll: lock: %s not written\n", output);
        status = CLI_EXIT_ERROR;
    } else {
        printf("wrote %s (%zu bundle%s)\n", output, policies.n, policies.n == 1 ? "" : "s");
        status = CLI_EXIT_OK;
    }
    pl_results_free(&res);
    cli_strs_free(&policies);
    pl_settings_free(&st);
    return status;
}
