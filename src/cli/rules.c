/* rules.c — `plimsoll rules`: what the loaded bundles contain.
 *
 * Titles and help come from policy files that may be written by strangers, so they are
 * escaped like report messages before they reach the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/report.h"
#include "plimsoll/settings.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll rules [OPTIONS] [ID]\n"
    "\n"
    "Lists the rules check would run (id, severity, input, preset, title), sorted by id,\n"
    "with the settings check uses: the configuration file's bundles, preset, enabled rules\n"
    "and severities, then these options. With ID (a rule id or one of its aliases), shows\n"
    "the rule's title, severity, input, preset, whether it runs, aliases, parameters (with\n"
    "their configured values) and help.\n"
    "\n"
    "options:\n"
    "  --policy DIR    also load the policy bundle in DIR (repeatable)\n"
    "  --no-builtin    do not load the built-in rules\n"
    "  --preset NAME   the rules that run with --preset NAME (default or strict)\n"
    "  --all           every loaded rule, those check would not run marked '(off: why)'\n"
    "  --config FILE   read the configuration from FILE (default: the nearest\n"
    "                  .plimsoll.yaml from the current directory up)\n"
    "  --no-config     read no configuration file\n"
    "  --timeout MS    the wall-clock limit per rule and fixture for --explain and\n"
    "                  --markdown examples (default 5000, or limits.timeout-ms)\n"
    "  --explain ID    everything about one rule: metadata, preset, parameters, help, and\n"
    "                  an example (its first failing fixture, finding lines marked '>')\n"
    "  --markdown ID   the rule's reference page in Markdown (docs/rules/ID.md)\n"
    "  -h, --help      show this help\n";

enum {
    OPT_POLICY,
    OPT_NO_BUILTIN,
    OPT_HELP,
    OPT_PRESET,
    OPT_EXPLAIN,
    OPT_MARKDOWN,
    OPT_ALL,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_TIMEOUT
};

static const cli_opt options[] = {
    {"all", 0, false, OPT_ALL},
    {"config", 0, true, OPT_CONFIG},
    {"no-config", 0, false, OPT_NO_CONFIG},
    {"timeout", 0, true, OPT_TIMEOUT},
    {"explain", 0, true, OPT_EXPLAIN},
    {"markdown", 0, true, OPT_MARKDOWN},
    {"policy", 0, true, OPT_POLICY},
    {"no-builtin", 0, false, OPT_NO_BUILTIN},
    {"preset", 0, true, OPT_PRESET},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

static size_t display_width(const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        n += (*p & 0xc0) != 0x80; /* count code points, not bytes */
    return n;
}

static void put_cell(pl_buf *b, const char *s, size_t width) {
    pl_buf b2;
    pl_buf_init(&b2);
    pl_report_escape(&b2, s);
    pl_buf_append(b, b2.data ? b2.data : "", b2.len);
    for (size_t w = display_width(b2.data); w < width; w++)
        pl_buf_puts(b, " ");
    pl_buf_free(&b2);
}

static void put_table(pl_buf *b, const pl_results *res) {
    size_t wid = strlen("ID"), wsev = strlen("SEVERITY"), win = strlen("INPUT"),
           wpre = strlen("default");
    for (size_t i = 0; i < res->nrules; i++) {
        size_t w = display_width(res->rules[i].id);
        if (w > wid)
            wid = w;
        w = display_width(res->rules[i].input);
        if (w > win)
            win = w;
    }
    put_cell(b, "ID", wid + 2);
    put_cell(b, "SEVERITY", wsev + 2);
    put_cell(b, "INPUT", win + 2);
    put_cell(b, "PRESET", wpre + 2);
    pl_buf_puts(b, "TITLE\n");
    for (size_t i = 0; i < res->nrules; i++) {
        const pl_rule_meta *m = &res->rules[i];
        put_cell(b, m->id, wid + 2);
        put_cell(b, pl_severity_name(m->severity), wsev + 2);
        put_cell(b, m->input, win + 2);
        put_cell(b, m->preset ? m->preset : "default", wpre + 2);
        pl_report_escape(b, m->title);
        if (m->disabled) {
            pl_buf_puts(b, " (off: ");
            pl_report_escape(b, m->disabled_reason ? m->disabled_reason : "disabled");
            pl_buf_puts(b, ")");
        }
        pl_buf_puts(b, "\n");
    }
}

/* Help is Markdown over several lines: keep its newlines, escape everything else. */
static void put_multiline(pl_buf *b, const char *s) {
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = strndup(s, n);
        if (!line)
            abort();
        pl_report_escape(b, line);
        pl_buf_puts(b, "\n");
        free(line);
        s += n + (nl != NULL);
    }
}

static void put_rule(pl_buf *b, const pl_rule_meta *m) {
    pl_report_escape(b, m->id);
    pl_buf_puts(b, ": ");
    pl_report_escape(b, m->title);
    pl_buf_printf(b, "\n\nseverity: %s\ninput:    ", pl_severity_name(m->severity));
    pl_report_escape(b, m->input);
    pl_buf_puts(b, "\npreset:   ");
    pl_report_escape(b, m->preset ? m->preset : "default");
    pl_buf_puts(b, "\nruns:     ");
    if (m->disabled) {
        pl_buf_puts(b, "no (");
        pl_report_escape(b, m->disabled_reason ? m->disabled_reason : "disabled");
        pl_buf_puts(b, ")");
    } else {
        pl_buf_puts(b, "yes");
    }
    pl_buf_puts(b, "\naliases:  ");
    for (size_t i = 0; i < m->naliases; i++) {
        if (i)
            pl_buf_puts(b, ", ");
        pl_report_escape(b, m->aliases[i]);
    }
    if (m->naliases == 0)
        pl_buf_puts(b, "(none)");
    pl_buf_puts(b, "\nbundle:   ");
    pl_report_escape(b, m->bundle);
    if (m->file) {
        pl_buf_puts(b, " (");
        pl_report_escape(b, m->file);
        pl_buf_puts(b, ")");
    }
    pl_buf_puts(b, "\n");
    if (m->nparams) {
        pl_buf_puts(b, "\nparameters:\n");
        for (size_t i = 0; i < m->nparams; i++) {
            const pl_param_meta *p = &m->params[i];
            pl_buf_puts(b, "  ");
            pl_report_escape(b, p->name);
            pl_buf_printf(b, " (%s, default ", p->type);
            pl_report_escape(b, p->default_json);
            if (p->value_json && strcmp(p->value_json, p->default_json) != 0) {
                pl_buf_puts(b, ", configured ");
                pl_report_escape(b, p->value_json);
            }
            pl_buf_puts(b, "): ");
            pl_report_escape(b, p->description);
            pl_buf_puts(b, "\n");
        }
    }
    if (m->help && *m->help) {
        pl_buf_puts(b, "\n");
        put_multiline(b, m->help);
    }
}

static const pl_rule_meta *find_rule(const pl_results *res, const char *id) {
    for (size_t i = 0; i < res->nrules; i++)
        if (strcmp(res->rules[i].id, id) == 0)
            return &res->rules[i];
    for (size_t i = 0; i < res->nrules; i++)
        for (size_t j = 0; j < res->rules[i].naliases; j++)
            if (strcmp(res->rules[i].aliases[j], id) == 0)
                return &res->rules[i];
    return NULL;
}

int cli_rules(int argc, char **argv) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "rules");
    cli_strs policies = {0};
    pl_cli_settings cs = {0};
    bool all = false;
    const char *want = NULL;
    int mode = 0; /* 0: list or short, OPT_EXPLAIN, OPT_MARKDOWN */
    char msg[256];
    const char *v;
    unsigned long long n;
    int id;
    while ((id = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        int status = -1;
        switch (id) {
        case CLI_BAD: status = cli_usage_error("%s", msg); break;
        case CLI_OPERAND:
            if (want)
                status =
                    cli_usage_error("rules: give at most one rule ID ('%s' and '%s')", want, v);
            want = v;
            break;
        case OPT_POLICY: cli_strs_push(&policies, v); break;
        case OPT_NO_BUILTIN: cs.no_builtin = true; break;
        case OPT_PRESET:
            if (strcmp(v, "default") != 0 && strcmp(v, "strict") != 0)
                status = cli_usage_error("rules: --preset must be default or strict, not '%s'", v);
            cs.preset = v;
            break;
        case OPT_ALL: all = true; break;
        case OPT_CONFIG:
            if (!*v)
                status = cli_usage_error("rules: --config needs a file name");
            cs.config_path = v;
            break;
        case OPT_NO_CONFIG: cs.no_config = true; break;
        case OPT_TIMEOUT:
            if (cli_parse_count(v, 1, 86400000, &n) != 0)
                status = cli_usage_error(
                    "rules: --timeout wants milliseconds from 1 to 86400000, not '%s'", v);
            cs.timeout_ms = (unsigned)n;
            break;
        case OPT_EXPLAIN:
        case OPT_MARKDOWN:
            if (want)
                status =
                    cli_usage_error("rules: give at most one rule ID ('%s' and '%s')", want, v);
            want = v;
            mode = id;
            break;
        case OPT_HELP:
            fputs(usage, stdout);
            status = CLI_EXIT_OK;
            break;
        }
        if (status < 0 && cs.config_path && cs.no_config)
            status = cli_usage_error("rules: --config and --no-config contradict each other");
        if (status >= 0) {
            cli_strs_free(&policies);
            return status;
        }
    }

    /* the rules as check would load and configure them */
    cs.policies = policies.items;
    cs.npolicies = policies.n;
    pl_settings st;
    int status = cli_settings_open(&cs, &st);
    if (status >= 0) {
        pl_settings_free(&st);
        cli_strs_free(&policies);
        return status;
    }
    pl_results res;
    pl_results_init(&res);
    pl_error err = {0};
    pl_engine *e = pl_settings_load_engine(&st, &res, &err);
    if (!e) {
        cli_print_problems(&res);
        cli_print_error(&err, NULL);
        pl_results_free(&res);
        pl_settings_free(&st);
        cli_strs_free(&policies);
        return CLI_EXIT_ERROR;
    }
    for (size_t i = 0; i < pl_engine_rule_count(e); i++) {
        const pl_rule_meta *m = pl_engine_rule(e, i);
        if (want || all || !m->disabled)
            pl_results_add_rule(&res, m);
    }
    pl_results_sort(&res);
    cli_print_problems(&res);
    status = res.nproblems ? CLI_EXIT_ERROR : CLI_EXIT_OK;

    pl_buf out;
    pl_buf_init(&out);
    if (want) {
        const pl_rule_meta *m = find_rule(&res, want);
        if (m && mode) {
            size_t idx = 0;
            while (idx < pl_engine_rule_count(e) && strcmp(pl_engine_rule(e, idx)->id, m->id) != 0)
                idx++;
            /* the examples show what the rule finds, even when this run would not run it */
            pl_engine_set_enabled(e, m->id, true, NULL, NULL);
            pl_pool_opts po = pl_settings_pool_opts(&st, 1);
            if (cli_describe_rule(e, idx, mode == OPT_MARKDOWN, &po, &out) != 0)
                status = CLI_EXIT_ERROR;
        } else if (m) {
            put_rule(&out, m);
        } else {
            pl_buf eb;
            pl_buf_init(&eb);
            pl_report_escape(&eb, want);
            fprintf(stderr,
                    "plimsoll: rules: no rule with id or alias '%s'\n"
                    "try 'plimsoll rules' for the list\n",
                    eb.data);
            pl_buf_free(&eb);
            status = CLI_EXIT_ERROR;
        }
    } else {
        put_table(&out, &res);
    }
    if (out.len && cli_write_stdout(out.data, out.len) != 0)
        status = CLI_EXIT_ERROR;
    pl_buf_free(&out);
    pl_results_free(&res);
    pl_engine_free(e);
    pl_settings_free(&st);
    cli_strs_free(&policies);
    return status;
}
