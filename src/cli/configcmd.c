/* configcmd.c — `plimsoll config`: the configuration a check would run with, one value
 * per line, each followed by where it came from (default, file:line, command line).
 *
 * It reads the same file check reads, by the same rules, so "why did this rule not run?"
 * has one place to look. Values from the file are shown as the file gave them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "plimsoll/config.h"
#include "plimsoll/report.h"
#include "plimsoll/settings.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll config [OPTIONS]\n"
    "\n"
    "Prints the effective configuration and where each value came from: 'default',\n"
    "FILE:LINE, or 'command line'.\n"
    "\n"
    "options:\n"
    "  --config FILE           read FILE instead of the nearest .plimsoll.yaml\n"
    "  --no-config             read no configuration file\n"
    "  --preset, --fail-on, --format VALUE\n"
    "                          as check takes them, to see how they combine\n"
    "  -h, --help              show this help\n";

enum { OPT_CONFIG, OPT_NO_CONFIG, OPT_PRESET, OPT_FAIL_ON, OPT_FORMAT, OPT_HELP };

static const cli_opt options[] = {
    {"config", 0, true, OPT_CONFIG},
    {"no-config", 0, false, OPT_NO_CONFIG},
    {"preset", 0, true, OPT_PRESET},
    {"fail-on", 0, true, OPT_FAIL_ON},
    {"format", 'f', true, OPT_FORMAT},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

typedef struct printer {
    pl_buf *b;
    const pl_config *c; /* NULL: none loaded */
} printer;

/* One "key: value  # source" line; pos.line 0 means the default. */
static void line(printer *p, int indent, const char *key, const char *value, pl_config_pos pos,
                 bool from_cli) {
    pl_buf cell;
    pl_buf_init(&cell);
    pl_buf_printf(&cell, "%*s", indent, "");
    pl_report_escape(&cell, key);
    if (strcmp(key, "-") != 0)
        pl_buf_puts(&cell, ":");
    if (value) {
        pl_buf_puts(&cell, " ");
        pl_report_escape(&cell, value);
    }
    pl_buf_append(p->b, cell.data, cell.len);
    for (size_t w = cell.len; w < 40 && (value || pos.line > 0); w++)
        pl_buf_puts(p->b, " ");
    if (!value && pos.line == 0)
        pl_buf_puts(p->b, "\n"); /* a section header: its values say where they came from */
    else if (from_cli)
        pl_buf_puts(p->b, "  # command line\n");
    else if (pos.line > 0 && p->c) {
        pl_buf_puts(p->b, "  # ");
        pl_report_escape(p->b, p->c->path);
        pl_buf_printf(p->b, ":%d\n", pos.line);
    } else {
        pl_buf_puts(p->b, "  # default\n");
    }
    pl_buf_free(&cell);
}

static void sourced(printer *p, int indent, const char *key, const char *value, pl_source src) {
    pl_config_pos none = {0, 0};
    line(p, indent, key, value, src.origin == PL_ORIGIN_FILE ? src.pos : none,
         src.origin == PL_ORIGIN_CLI);
}

static char *json_text(const json_t *v) {
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!s)
        abort();
    return s;
}

int cli_config(int argc, char **argv) {
    cli_parser parser;
    cli_parser_init(&parser, argc, argv, "config");
    const char *config_path = NULL, *preset = NULL, *fail_on = NULL, *format = NULL;
    bool no_config = false;
    char msg[256];
    const char *v;
    int id;
    pl_severity sev;
    pl_format fmt;
    while ((id = cli_next(&parser, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (id) {
        case CLI_BAD: return cli_usage_error("%s", msg);
        case CLI_OPERAND: return cli_usage_error("config: takes no operand ('%s')", v);
        case OPT_CONFIG: config_path = v; break;
        case OPT_NO_CONFIG: no_config = true; break;
        case OPT_PRESET:
            if (strcmp(v, "default") != 0 && strcmp(v, "strict") != 0)
                return cli_usage_error("config: --preset must be default or strict, not '%s'", v);
            preset = v;
            break;
        case OPT_FAIL_ON:
            if (pl_severity_parse(v, &sev) != 0)
                return cli_usage_error(
                    "config: --fail-on must be critical, high, medium, low or info, not '%s'", v);
            fail_on = v;
            break;
        case OPT_FORMAT:
            if (pl_format_parse(v, &fmt) != 0)
                return cli_usage_error("config: --format must be one of %s, not '%s'",
                                       pl_format_names(), v);
            format = v;
            break;
        case OPT_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        }
    }
    if (config_path && no_config)
        return cli_usage_error("config: --config and --no-config contradict each other");
    pl_severity fail_sev = PL_SEV_LOW;
    if (fail_on)
        pl_severity_parse(fail_on, &fail_sev);
    pl_cli_settings cs = {.config_path = config_path,
                          .no_config = no_config,
                          .preset = preset,
                          .has_fail_on = fail_on != NULL,
                          .fail_on = fail_sev,
                          .format = format};
    pl_settings st;
    int status = cli_settings_open(&cs, &st);
    if (status >= 0) {
        pl_settings_free(&st);
        return status;
    }
    bool have = st.have_config;
    char today[11];
    if (cli_today(today) != 0) {
        pl_settings_free(&st);
        return cli_usage_error("config: PLIMSOLL_TODAY must be a date YYYY-MM-DD");
    }

    pl_buf out;
    pl_buf_init(&out);
    printer p = {&out, have ? &st.config : NULL};
    const pl_config *c = have ? &st.config : NULL;
    pl_config_pos none = {0, 0};
    if (c) {
        pl_buf_puts(&out, "# configuration file: ");
        pl_report_escape(&out, c->path);
        pl_buf_puts(&out, "\n");
    } else {
        pl_buf_puts(&out, no_config ? "# no configuration file (--no-config)\n"
                                    : "# no configuration file (no .plimsoll.yaml from here up)\n");
    }
    char num[64];

    /* every value as the settings resolved it, with where it came from */
    line(&p, 0, "policies", st.npolicies ? NULL : "[]", c ? c->policies_pos : none, false);
    for (size_t i = 0; i < st.npolicies; i++)
        line(&p, 2, "-", st.policies[i], c ? c->policies_pos : none, false);
    sourced(&p, 0, "builtin", st.builtin ? "true" : "false", st.builtin_src);
    sourced(&p, 0, "fail-on", pl_severity_name(st.fail_on), st.fail_on_src);
    sourced(&p, 0, "preset", st.preset, st.preset_src);
    sourced(&p, 0, "format", st.format, st.format_src);
    sourced(&p, 0, "locked", st.locked ? "true" : "false", st.locked_src);
    line(&p, 0, "unused-suppressions", st.unused_suppressions_error ? "error" : "note",
         c ? c->unused_suppressions_pos : none, false);
    line(&p, 0, "build-args", st.nbuild_args ? NULL : "{}", c ? c->build_args_pos : none, false);
    for (size_t i = 0; i < st.nbuild_args; i++)
        line(&p, 2, "-", st.build_args[i], c ? c->build_args_pos : none, false);
    line(&p, 0, "limits", NULL, none, false);
    snprintf(num, sizeof num, "%zu", st.limits.memory_bytes >> 20);
    sourced(&p, 2, "memory-mib", num, st.memory_src);
    snprintf(num, sizeof num, "%llu", (unsigned long long)st.limits.instructions);
    sourced(&p, 2, "instructions", num, st.instructions_src);
    snprintf(num, sizeof num, "%zu", st.limits.max_findings);
    sourced(&p, 2, "findings", num, st.findings_src);
    snprintf(num, sizeof num, "%u", st.timeout_ms);
    sourced(&p, 2, "timeout-ms", num, st.timeout_src);

    line(&p, 0, "rules", c && c->nrules ? NULL : "{}", none, false);
    for (size_t i = 0; c && i < c->nrules; i++) {
        const pl_config_rule *r = &c->rules[i];
        line(&p, 2, r->id, NULL, r->pos, false);
        if (r->enabled >= 0)
            line(&p, 4, "enabled", r->enabled ? "true" : "false", r->enabled_pos, false);
        if (r->has_severity)
            line(&p, 4, "severity", pl_severity_name(r->severity), r->severity_pos, false);
        if (r->nparams)
            line(&p, 4, "params", NULL, r->params[0].name_pos, false);
        for (size_t j = 0; j < r->nparams; j++) {
            char *t = json_text(r->params[j].value);
            line(&p, 6, r->params[j].name, t, r->params[j].pos, false);
            free(t);
        }
    }
    line(&p, 0, "exceptions", c && c->nexceptions ? NULL : "[]", none, false);
    for (size_t i = 0; c && i < c->nexceptions; i++) {
        const pl_config_exception *x = &c->exceptions[i];
        line(&p, 2, "- rule", x->rule, x->pos, false);
        pl_buf paths;
        pl_buf_init(&paths);
        for (size_t k = 0; k < x->npaths; k++)
            pl_buf_printf(&paths, "%s%s", k ? ", " : "", x->paths[k]);
        line(&p, 4, "paths", x->npaths ? paths.data : "(everywhere)", x->pos, false);
        pl_buf_free(&paths);
        if (x->stage)
            line(&p, 4, "stage", x->stage, x->pos, false);
        if (x->line) {
            snprintf(num, sizeof num, "%d", x->line);
            line(&p, 4, "line", num, x->pos, false);
        }
        line(&p, 4, "reason", x->reason, x->pos, false);
        if (x->expires) {
            char e[64];
            snprintf(e, sizeof e, "%s%s", x->expires,
                     strcmp(x->expires, today) < 0 ? " (expired: no longer applies)" : "");
            line(&p, 4, "expires", e, x->expires_pos, false);
        }
    }
    status =
        cli_write_stdout(out.data ? out.data : "", out.len) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    pl_buf_free(&out);
    pl_settings_free(&st);
    return status;
}
