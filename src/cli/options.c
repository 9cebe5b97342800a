/* options.c — a small command-line parser for the subcommands, and usage errors.
 *
 * getopt_long keeps its state in globals and permutes argv behind the caller's back; this
 * parser keeps its state in a struct, accepts options before and after operands, and
 * reports exactly which word was wrong, which is all the subcommands need. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_parser_init(cli_parser *p, int argc, char **argv, const char *command) {
    p->argc = argc;
    p->argv = argv;
    p->i = 1; /* argv[0] is the subcommand */
    p->only_operands = false;
    p->command = command;
}

static const cli_opt *find_long(const cli_opt *opts, const char *name, size_t n) {
    for (; opts->name; opts++)
        if (strlen(opts->name) == n && strncmp(opts->name, name, n) == 0)
            return opts;
    return NULL;
}

static const cli_opt *find_short(const cli_opt *opts, char c) {
    for (; opts->name; opts++)
        if (opts->short_name && opts->short_name == c)
            return opts;
    return NULL;
}

int cli_next(cli_parser *p, const cli_opt *opts, const char **value, char *msg, size_t msgsz) {
    *value = NULL;
    if (p->i >= p->argc)
        return CLI_END;
    const char *arg = p->argv[p->i++];
    if (p->only_operands || arg[0] != '-' || arg[1] == '\0') {
        *value = arg;
        return CLI_OPERAND;
    }
    if (strcmp(arg, "--") == 0) {
        p->only_operands = true;
        return cli_next(p, opts, value, msg, msgsz);
    }
    const cli_opt *o;
    const char *inline_value = NULL;
    if (arg[1] == '-') {
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        o = find_long(opts, name, n);
        if (!o) {
            snprintf(msg, msgsz, "%s: unknown option '--%.*s'", p->command, (int)n, name);
            return CLI_BAD;
        }
        if (eq) {
            if (!o->has_arg) {
                snprintf(msg, msgsz, "%s: option '--%s' takes no value", p->command, o->name);
                return CLI_BAD;
            }
            inline_value = eq + 1;
        }
    } else {
        o = find_short(opts, arg[1]);
        if (!o) {
            snprintf(msg, msgsz, "%s: unknown option '%s'", p->command, arg);
            return CLI_BAD;
        }
        if (arg[2] != '\0') {
            if (!o->has_arg) {
                snprintf(msg, msgsz, "%s: unknown option '%s' (options cannot be combined)",
                         p->command, arg);
                return CLI_BAD;
            }
            inline_value = arg + 2;
        }
    }
    if (o->has_arg) {
        if (inline_value) {
            *value = inline_value;
        } else if (p->i < p->argc) {
            *value = p->argv[p->i++];
        } else {
            snprintf(msg, msgsz, "%s: option '--%s' needs a value", p->command, o->name);
            return CLI_BAD;
        }
    }
    return o->id;
}

int cli_usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("plimsoll: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\ntry 'plimsoll --help'\n", stderr);
    va_end(ap);
    return CLI_EXIT_ERROR;
}

int cli_parse_count(const char *s, unsigned long long min, unsigned long long max,
                    unsigned long long *out) {
    if (!s || *s < '0' || *s > '9') /* strtoull would accept "-1" and " 1" */
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

void cli_strs_push(cli_strs *l, const char *s) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = s;
}

void cli_strs_free(cli_strs *l) {
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}
