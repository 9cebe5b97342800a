/* test_report.c — the text and JSON formatters on hand-built results.
 *
 * Expected lines are written out by hand from the format in docs/cli.md and the schema in
 * docs/json-report.md; the JSON is read back with jansson, so these tests check values,
 * not the formatter's own bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "plimsoll/report.h"

static void add_finding(pl_results *r, const char *rule, pl_severity sev, const char *path,
                        int line, int column, const char *message) {
    pl_finding f = {0};
    f.rule = (char *)rule;
    f.severity = sev;
    f.path = (char *)path;
    f.line = line;
    f.end_line = line;
    f.column = column;
    f.message = (char *)message;
    pl_results_add_finding(r, &f);
}

/* Two files with findings of three severities and a parse error in a third. */
static void sample(pl_results *r) {
    pl_results_init(r);
    const char *aliases[] = {"DL3002"};
    pl_rule_meta m = {.id = "user-not-root",
                      .title = "Final stage runs as root",
                      .severity = PL_SEV_HIGH,
                      .input = "dockerfile",
                      .aliases = (char **)aliases,
                      .naliases = 1,
                      .bundle = "builtin"};
    pl_results_add_rule(r, &m);
    pl_results_add_target(r, "b/Dockerfile", "dockerfile", "ok");
    pl_results_add_target(r, "a/Dockerfile", "dockerfile", "ok");
    pl_results_add_target(r, "c/Dockerfile", "dockerfile", "error");
    add_finding(r, "user-not-root", PL_SEV_HIGH, "b/Dockerfile", 3, 1, "runs as root");
    add_finding(r, "pin-tag", PL_SEV_LOW, "a/Dockerfile", 1, 0, "pin the tag");
    add_finding(r, "has-healthcheck", PL_SEV_INFO, "a/Dockerfile", 0, 0, "no HEALTHCHECK");
    pl_results_add_problem(r, "c/Dockerfile", 4, 7, NULL, "unterminated heredoc");
    pl_results_add_verdict(r, "user-not-root", "b/Dockerfile", PL_VERDICT_FAIL, NULL, 1);
    pl_results_sort(r);
}

static char *render(pl_format f, const pl_results *r, bool color, bool quiet, pl_severity fail_on) {
    pl_report_opts o = {.color = color, .quiet = quiet, .fail_on = fail_on};
    pl_buf b;
    pl_buf_init(&b);
    pl_report_write(f, r, &o, &b);
    return pl_buf_take(&b);
}

static void text_groups_by_file_with_summary(void **state) {
    (void)state;
    pl_results r;
    sample(&r);
    char *out = render(PL_FORMAT_TEXT, &r, false, false, PL_SEV_LOW);
    const char *want =
        "a/Dockerfile\n"
        "a/Dockerfile: info has-healthcheck no HEALTHCHECK\n"
        "a/Dockerfile:1: low pin-tag pin the tag\n"
        "\n"
        "b/Dockerfile\n"
        "b/Dockerfile:3:1: high user-not-root runs as root\n"
        "\n"
        "c/Dockerfile\n"
        "c/Dockerfile:4:7: error: unterminated heredoc\n"
        "\n"
        "3 findings (1 high, 1 low, 1 info) in 3 files, 1 error; failing at >= low\n";
    assert_string_equal(out, want);
    assert_null(strchr(out, '\033')); /* colour off means no escape at all */
    free(out);
    pl_results_free(&r);
}

static void text_quiet_has_no_summary(void **state) {
    (void)state;
    pl_results r;
    sample(&r);
    char *out = render(PL_FORMAT_TEXT, &r, false, true, PL_SEV_LOW);
    assert_null(strstr(out, "findings ("));
    assert_null(strstr(out, "failing at"));
    assert_non_null(strstr(out, "b/Dockerfile:3:1: high user-not-root runs as root\n"));
    free(out);
    pl_results_free(&r);
}

static void text_clean_run_says_no_findings(void **state) {
    (void)state;
    pl_results r;
    pl_results_init(&r);
    pl_results_add_target(&r, "Dockerfile", "dockerfile", "ok");
    char *out = render(PL_FORMAT_TEXT, &r, false, false, PL_SEV_MEDIUM);
    assert_string_equal(out, "no findings in 1 file; failing at >= medium\n");
    free(out);
    pl_results_free(&r);
}

static void text_colours_severity_and_path(void **state) {
    (void)state;
    pl_results r;
    sample(&r);
    char *out = render(PL_FORMAT_TEXT, &r, true, false, PL_SEV_LOW);
    assert_non_null(strstr(out, "\033[1mb/Dockerfile\033[0m\n"));
    assert_non_null(
        strstr(out, "b/Dockerfile:3:1: \033[31mhigh\033[0m user-not-root runs as root\n"));
    assert_non_null(strstr(out, "a/Dockerfile:1: \033[36mlow\033[0m pin-tag"));
    assert_non_null(
        strstr(out, "c/Dockerfile:4:7: \033[1;31merror\033[0m: unterminated heredoc\n"));
    free(out);
    pl_results_free(&r);
}

static void text_problem_names_rule_and_handles_no_path(void **state) {
    (void)state;
    pl_results r;
    pl_results_init(&r);
    pl_results_add_problem(&r, "Dockerfile", 0, 0, "slow-rule", "instruction limit reached");
    pl_results_add_problem(&r, NULL, 0, 0, NULL, "no rules loaded");
    pl_results_sort(&r);
    char *out = render(PL_FORMAT_TEXT, &r, false, true, PL_SEV_LOW);
    assert_string_equal(out, "plimsoll\n"
                             "plimsoll: error: no rules loaded\n"
                             "\n"
                             "Dockerfile\n"
                             "Dockerfile: error: slow-rule: instruction limit reached\n");
    free(out);
    pl_results_free(&r);
}

static void text_escapes_hostile_messages(void **state) {
    /* a policy from a stranger must not be able to clear the screen, move the cursor,
     * fake a second finding on its own line or reorder the line with bidi overrides */
    (void)state;
    pl_results r;
    pl_results_init(&r);
    add_finding(&r, "evil", PL_SEV_LOW, "Docker\033]0;title\007file", 2, 0,
                "\033[2J\rok\nDockerfile:1: info fake fine\x9b\xc2\x9b\xe2\x80\xae\x7f\ttab");
    char *out = render(PL_FORMAT_TEXT, &r, false, true, PL_SEV_LOW);
    assert_null(strchr(out, '\033'));
    assert_null(strchr(out, '\r'));
    assert_null(strchr(out, '\007'));
    assert_null(strchr(out, '\x7f'));
    assert_null(strstr(out, "\xc2\x9b"));
    assert_null(strstr(out, "\xe2\x80\xae"));
    assert_string_equal(out, "Docker\\x1b]0;title\\x07file\n"
                             "Docker\\x1b]0;title\\x07file:2: low evil "
                             "\\x1b[2J\\rok\\nDockerfile:1: info fake fine\\x9b\\u009b\\u202e\\x7f"
                             "\\ttab\n");
    free(out);
    pl_results_free(&r);
}

static void text_keeps_plain_utf8(void **state) {
    (void)state;
    pl_results r;
    pl_results_init(&r);
    add_finding(&r, "r", PL_SEV_LOW, "Dockerfile", 1, 0,
                "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3");
    char *out = render(PL_FORMAT_TEXT, &r, false, true, PL_SEV_LOW);
    assert_non_null(strstr(out, "low r caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3\n"));
    free(out);
    pl_results_free(&r);
}

static json_t *parse(const char *text) {
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j)
        fail_msg("report is not JSON: %s at line %d", e.text, e.line);
    return j;
}

static const char *sget(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static json_int_t iget(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    assert_true(json_is_integer(v));
    return json_integer_value(v);
}

static void json_has_schema_and_values(void **state) {
    (void)state;
    pl_results r;
    sample(&r);
    char *out = render(PL_FORMAT_JSON, &r, false, false, PL_SEV_MEDIUM);
    json_t *j = parse(out);
    assert_int_equal(iget(j, "version"), 1);
    json_t *tool = json_object_get(j, "tool");
    assert_string_equal(sget(tool, "name"), "plimsoll");
    assert_string_equal(sget(tool, "version"), PL_VERSION);

    json_t *rules = json_object_get(j, "rules");
    assert_int_equal(json_array_size(rules), 1);
    json_t *rule = json_array_get(rules, 0);
    assert_string_equal(sget(rule, "id"), "user-not-root");
    assert_string_equal(sget(rule, "severity"), "high");
    assert_string_equal(sget(rule, "input"), "dockerfile");
    assert_string_equal(json_string_value(json_array_get(json_object_get(rule, "aliases"), 0)),
                        "DL3002");

    json_t *targets = json_object_get(j, "targets");
    assert_int_equal(json_array_size(targets), 3);
    assert_string_equal(sget(json_array_get(targets, 0), "path"), "a/Dockerfile");
    assert_string_equal(sget(json_array_get(targets, 2), "status"), "error");

    json_t *findings = json_object_get(j, "findings");
    assert_int_equal(json_array_size(findings), 3);
    json_t *f0 = json_array_get(findings, 0); /* a/Dockerfile, line 0 */
    assert_string_equal(sget(f0, "rule"), "has-healthcheck");
    assert_string_equal(sget(f0, "severity"), "info");
    assert_int_equal(iget(f0, "line"), 0);
    assert_null(json_object_get(f0, "column"));
    assert_null(json_object_get(f0, "pointer"));
    assert_int_equal(strlen(sget(f0, "fingerprint")), 16);
    json_t *f2 = json_array_get(findings, 2);
    assert_string_equal(sget(f2, "path"), "b/Dockerfile");
    assert_int_equal(iget(f2, "line"), 3);
    assert_int_equal(iget(f2, "end_line"), 3);
    assert_int_equal(iget(f2, "column"), 1);
    assert_string_equal(sget(f2, "message"), "runs as root");

    json_t *verdicts = json_object_get(j, "verdicts");
    assert_int_equal(json_array_size(verdicts), 1);
    assert_string_equal(sget(json_array_get(verdicts, 0), "status"), "fail");
    assert_null(json_object_get(json_array_get(verdicts, 0), "message"));

    json_t *errors = json_object_get(j, "errors");
    assert_int_equal(json_array_size(errors), 1);
    json_t *e0 = json_array_get(errors, 0);
    assert_string_equal(sget(e0, "path"), "c/Dockerfile");
    assert_int_equal(iget(e0, "line"), 4);
    assert_int_equal(iget(e0, "column"), 7);
    assert_null(json_object_get(e0, "rule"));
    assert_string_equal(sget(e0, "message"), "unterminated heredoc");

    json_t *s = json_object_get(j, "summary");
    assert_int_equal(iget(s, "findings"), 3);
    assert_int_equal(iget(s, "critical"), 0);
    assert_int_equal(iget(s, "high"), 1);
    assert_int_equal(iget(s, "medium"), 0);
    assert_int_equal(iget(s, "low"), 1);
    assert_int_equal(iget(s, "info"), 1);
    assert_int_equal(iget(s, "files"), 3);
    assert_int_equal(iget(s, "errors"), 1);
    assert_string_equal(sget(s, "fail_on"), "medium");
    assert_int_equal(iget(s, "exit_code"), 2);
    json_decref(j);
    free(out);
    pl_results_free(&r);
}

static void json_key_order_is_fixed(void **state) {
    (void)state;
    pl_results r;
    sample(&r);
    char *a = render(PL_FORMAT_JSON, &r, false, false, PL_SEV_LOW);
    char *b = render(PL_FORMAT_JSON, &r, true, true, PL_SEV_LOW); /* text-only options */
    assert_string_equal(a, b);
    const char *order[] = {"\"version\"",  "\"tool\"",     "\"rules\"",  "\"targets\"",
                           "\"findings\"", "\"verdicts\"", "\"errors\"", "\"summary\""};
    const char *prev = a;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *p = strstr(a, order[i]);
        assert_non_null(p);
        assert_true(p >= prev);
        prev = p;
    }
    free(a);
    free(b);
    pl_results_free(&r);
}

static void json_exit_code_follows_fail_on(void **state) {
    (void)state;
    pl_results r;
    pl_results_init(&r);
    add_finding(&r, "x", PL_SEV_MEDIUM, "Dockerfile", 1, 0, "m");
    char *out = render(PL_FORMAT_JSON, &r, false, false, PL_SEV_HIGH);
    json_t *j = parse(out);
    assert_int_equal(iget(json_object_get(j, "summary"), "exit_code"), 0);
    json_decref(j);
    free(out);
    out = render(PL_FORMAT_JSON, &r, false, false, PL_SEV_MEDIUM);
    j = parse(out);
    assert_int_equal(iget(json_object_get(j, "summary"), "exit_code"), 1);
    json_decref(j);
    free(out);
    pl_results_free(&r);
}

static void json_escapes_and_repairs_strings(void **state) {
    /* control characters escaped by JSON rules; bytes that are not UTF-8 written as the
     * text \xNN (as the text report shows them) rather than dropping the message */
    (void)state;
    pl_results r;
    pl_results_init(&r);
    add_finding(&r, "evil", PL_SEV_LOW, "Dockerfile", 1, 0,
                "a\033[2J\"q\"\nb\xff"
                "c");
    pl_finding *f = &r.findings[0];
    free(f->pointer);
    f->pointer = strdup("/config/User");
    char *out = render(PL_FORMAT_JSON, &r, false, false, PL_SEV_LOW);
    assert_null(strchr(out, '\033'));
    json_t *j = parse(out);
    json_t *f0 = json_array_get(json_object_get(j, "findings"), 0);
    assert_string_equal(sget(f0, "message"), "a\033[2J\"q\"\nb\\xff"
                                             "c");
    assert_string_equal(sget(f0, "pointer"), "/config/User");
    json_decref(j);
    free(out);
    pl_results_free(&r);
}

static void format_names_parse(void **state) {
    (void)state;
    pl_format f = PL_FORMAT_TEXT;
    assert_int_equal(pl_format_parse("json", &f), 0);
    assert_int_equal(f, PL_FORMAT_JSON);
    assert_int_equal(pl_format_parse("text", &f), 0);
    assert_int_equal(f, PL_FORMAT_TEXT);
    assert_int_equal(pl_format_parse("JSON", &f), -1);
    assert_int_equal(pl_format_parse("sarif", &f), 0);
    assert_int_equal(f, PL_FORMAT_SARIF);
    /* every name the usage lists parses */
    char *names = strdup(pl_format_names());
    for (char *save = NULL, *n = strtok_r(names, "|", &save); n; n = strtok_r(NULL, "|", &save))
        assert_int_equal(pl_format_parse(n, &f), 0);
    free(names);
    assert_int_equal(pl_format_parse("yaml", &f), -1);
    assert_int_equal(pl_format_parse(NULL, &f), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_groups_by_file_with_summary),
        cmocka_unit_test(text_quiet_has_no_summary),
        cmocka_unit_test(text_clean_run_says_no_findings),
        cmocka_unit_test(text_colours_severity_and_path),
        cmocka_unit_test(text_problem_names_rule_and_handles_no_path),
        cmocka_unit_test(text_escapes_hostile_messages),
        cmocka_unit_test(text_keeps_plain_utf8),
        cmocka_unit_test(json_has_schema_and_values),
        cmocka_unit_test(json_key_order_is_fixed),
        cmocka_unit_test(json_exit_code_follows_fail_on),
        cmocka_unit_test(json_escapes_and_repairs_strings),
        cmocka_unit_test(format_names_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
