/* main.c — the plimsoll command: picks the subcommand and turns its status into the exit
 * status.
 *
 * 0: clean; 1: findings at or above --fail-on (or failing fixtures); 2: any error,
 * including usage errors. Every subcommand returns its status; only this file exits. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: plimsoll COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Checks Dockerfiles and image configurations against policy rules written in Lua.\n"
    "\n"
    "commands:\n"
    "  check PATH...     check files and directories ('-' reads standard input)\n"
    "  baseline PATH...  record today's findings (plimsoll.baseline) so check --baseline\n"
    "                    fails only on new ones\n"
    "  rules [ID]        list the loaded rules, or describe one\n"
    "  inspect FILE      print the model a rule receives, as JSON (--ast: the parser's AST)\n"
    "  test [DIR...]     run the tests of policy bundles (fixtures and *_test.lua)\n"
    "  config            print the effective configuration and where each value came from\n"
    "  lock --policy DIR write plimsoll.lock, pinning the bundles' content\n"
    "  new-rule ID       scaffold a rule with its fixtures and test in a bundle\n"
    "\n"
    "options:\n"
    "  -h, --help        show this help (plimsoll COMMAND --help: the command's options)\n"
    "  -V, --version     print the version\n"
    "\n"
    "exit status: 0 clean, 1 findings at or above --fail-on, 2 error.\n"
    "documentation: docs/cli.md\n";

int main(int argc, char **argv) {
    if (argc < 2)
        return cli_usage_error("no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0)
        return cli_print_version();
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"check", cli_check},     {"baseline", cli_baseline}, {"rules", cli_rules},
        {"inspect", cli_inspect}, {"test", cli_test},         {"config", cli_config},
        {"lock", cli_lock},       {"new-rule", cli_new_rule},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return cli_usage_error("unknown option '%s' (options follow the command)", cmd);
    return cli_usage_error("unknown command '%s'", cmd);
}
