/* test.c — `plimsoll test`: a policy bundle's fixtures, run against its rules.
 *
 * Each tests/<rule-id>/ directory holds inputs for one rule; annotations in the inputs say
 * which findings the rule must report (`# expect: id` above an instruction, `# expect-file:
 * id` for a finding with no line, or a `<fixture>.expect` sidecar with `id LINE` lines).
 * The runner compares the exact multiset of (rule, line) pairs, so a rule that stops
 * firing, fires twice, or fires where it should not all fail; so does a rule that raises,
 * a fixture that does not parse, and a rule tested only on one side (every rule needs a
 * fixture that must fail and one that must pass). */
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plimsoll/bundle.h"
#include "plimsoll/report.h"
#include "plimsoll/settings.h"

#include "cli.h"

static const char usage[] =
    "usage: plimsoll test [OPTIONS] [DIR...]\n"
    "\n"
    "Runs the tests of the policy bundle in each DIR (default: the current directory):\n"
    "every file under DIR/tests/RULE-ID/ is checked with that rule alone and its findings\n"
    "compared with the fixture's annotations, and every DIR/tests/**/*_test.lua file runs\n"
    "its test() cases. Prints one 'FAIL path:line: message' line per failure, warns about\n"
    "rules with no test at all, and ends with 'N passed, N failed'. Exit status: 0 all\n"
    "passed, 1 a test failed, 2 the bundle did not load.\n"
    "\n"
    "annotations:\n"
    "  # expect: ID[, ID...]   ID reports one finding at the next instruction's first line\n"
    "  # expect-file: ID       ID reports one finding with no line\n"
    "  FIXTURE.expect          a sidecar file of 'ID LINE' lines (LINE 0: no line), for\n"
    "                          JSON fixtures, which cannot hold comments\n"
    "\n"
    "options:\n"
    "  --policy-only       load the bundles and list rules without fixtures; run nothing\n"
    "  --require-coverage  fail for every rule that has neither fixtures nor a *_test.lua\n"
    "                      assertion\n"
    "  --timeout MS        wall-clock limit per rule and fixture (and per test case), in\n"
    "                      ms (default 5000, or limits.timeout-ms of the configuration)\n"
    "  --config FILE       take the limits from FILE (default: the nearest .plimsoll.yaml)\n"
    "  --no-config         read no configuration file\n"
    "  -h, --help          show this help\n"
    "\n"
    "*_test.lua (see docs/writing-rules.md):\n"
    "  test(\"flags latest\", function(t)\n"
    "    t:dockerfile [[FROM nginx:latest]]:rule(\"base-image-latest\"):finds { 1 }\n"
    "    t:dockerfile(\"FROM nginx:1.25\"):rule(\"base-image-latest\"):passes()\n"
    "    t:image [[{\"config\": {}}]]:rule(\"base-image-latest\"):skips()\n"
    "  end)\n";

enum { OPT_POLICY_ONLY, OPT_REQUIRE_COVERAGE, OPT_HELP, OPT_TIMEOUT, OPT_CONFIG, OPT_NO_CONFIG };

static const cli_opt options[] = {
    {"timeout", 0, true, OPT_TIMEOUT},
    {"config", 0, true, OPT_CONFIG},
    {"no-config", 0, false, OPT_NO_CONFIG},
    {"policy-only", 0, false, OPT_POLICY_ONLY},
    {"require-coverage", 0, false, OPT_REQUIRE_COVERAGE},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

typedef struct test_opts {
    bool policy_only, require_coverage;
    pl_limits limits;  /* the settings' limits: rules run as check runs them */
    pl_pool_opts pool; /* the deadline, in a worker per fixture and test file */
} test_opts;

typedef struct runner {
    size_t passed, failed;
    bool load_error;
} runner;

/* One FAIL line; path, rule ids and messages are escaped like any report text. */
static void fail_line(const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail_line(const char *path, int line, const char *fmt, ...) {
    pl_buf b;
    pl_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    pl_buf_puts(&b, "FAIL ");
    pl_report_escape(&b, path);
    if (line > 0)
        pl_buf_printf(&b, ":%d", line);
    pl_buf_puts(&b, ": ");
    pl_report_escape(&b, tmp);
    pl_buf_puts(&b, "\n");
    fputs(b.data, stdout);
    pl_buf_free(&b);
}

static char *join(const char *a, const char *b) {
    size_t la = strlen(a);
    while (la > 1 && a[la - 1] == '/')
        la--;
    size_t n = la + strlen(b) + 2;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "%.*s/%s", (int)la, a, b);
    return s;
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted list of heap strings. */
typedef struct strlist {
    char **items;
    size_t n, cap;
} strlist;

static void strlist_push(strlist *l, char *s) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = s;
}

static void strlist_free(strlist *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Entries of dir (not hidden), sorted, as names; dirs_only picks subdirectories. */
static void list_dir(const char *dir, strlist *out) {
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        char *s = strdup(ent->d_name);
        if (!s)
            abort();
        strlist_push(out, s);
    }
    closedir(d);
    if (out->n)
        qsort(out->items, out->n, sizeof *out->items, cmp_str);
}

/* Every fixture file under dir, recursively, as paths, sorted; sidecars are not fixtures. */
static void collect_fixtures(const char *dir, strlist *out) {
    strlist names = {0};
    list_dir(dir, &names);
    for (size_t i = 0; i < names.n; i++) {
        char *path = join(dir, names.items[i]);
        if (is_dir(path)) {
            collect_fixtures(path, out);
            free(path);
        } else if (ends_with(path, ".expect") || ends_with(path, ".dockerignore") ||
                   ends_with(path, "_test.lua")) {
            free(path);
        } else {
            strlist_push(out, path);
        }
    }
    strlist_free(&names);
}

/* ---- expectations -------------------------------------------------------------- */

typedef struct expectation {
    char *rule;
    int line;
    int annotated_at; /* where the annotation is, for messages */
} expectation;

typedef struct expect_list {
    expectation *items;
    size_t n, cap;
} expect_list;

static void expect_push(expect_list *l, const char *rule, size_t rule_len, int line, int at) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        expectation *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
        l->cap = cap;
    }
    char *r = strndup(rule, rule_len);
    if (!r)
        abort();
    l->items[l->n++] = (expectation){r, line, at};
}

static void expect_free(expect_list *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].rule);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/* Adds the comma-separated ids in [s, end) with the given line; 0 or -1 on an empty id. */
static int add_ids(expect_list *l, const char *s, const char *end, int line, int at) {
    for (;;) {
        while (s < end && is_space(*s))
            s++;
        size_t left = end > s ? (size_t)(end - s) : 0;
        const char *comma = left ? memchr(s, ',', left) : NULL;
        const char *e = comma ? comma : end;
        const char *t = e;
        while (t > s && is_space(t[-1]))
            t--;
        if (t == s)
            return -1;
        for (const char *c = s; c < t; c++)
            if (is_space(*c))
                return -1; /* "a b": probably a missing comma */
        expect_push(l, s, (size_t)(t - s), line, at);
        if (!comma)
            return 0;
        s = comma + 1;
    }
}

/* `# expect:` and `# expect-file:` comments. Expectations wait for the next line that is
 * neither blank nor a comment: that is the first line of the instruction they annotate. */
static int scan_annotations(const char *path, const char *text, size_t len, expect_list *out) {
    int status = 0, lineno = 0;
    size_t pending_from = SIZE_MAX; /* index of the first expectation still without a line */
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        lineno++;
        const char *s = p;
        while (s < eol && is_space(*s))
            s++;
        if (s < eol && *s == '#') {
            s++;
            while (s < eol && is_space(*s))
                s++;
            static const char expect_kw[] = "expect:", file_kw[] = "expect-file:";
            size_t n = (size_t)(eol - s);
            if (n >= sizeof file_kw - 1 && memcmp(s, file_kw, sizeof file_kw - 1) == 0) {
                if (add_ids(out, s + sizeof file_kw - 1, eol, 0, lineno) != 0) {
                    fail_line(path, lineno,
                              "malformed annotation; want '# expect-file: ID[, ID...]'");
                    status = -1;
                }
            } else if (n >= sizeof expect_kw - 1 &&
                       memcmp(s, expect_kw, sizeof expect_kw - 1) == 0) {
                size_t before = out->n;
                if (add_ids(out, s + sizeof expect_kw - 1, eol, -1, lineno) != 0) {
                    fail_line(path, lineno, "malformed annotation; want '# expect: ID[, ID...]'");
                    status = -1;
                }
                if (pending_from == SIZE_MAX && out->n > before)
                    pending_from = before;
            }
        } else if (s < eol && pending_from != SIZE_MAX) {
            for (size_t i = pending_from; i < out->n; i++)
                if (out->items[i].line < 0)
                    out->items[i].line = lineno;
            pending_from = SIZE_MAX;
        }
        p = nl ? nl + 1 : end;
    }
    for (size_t i = 0; i < out->n; i++) {
        if (out->items[i].line < 0) {
            fail_line(path, out->items[i].annotated_at, "'# expect:' with no instruction after it");
            out->items[i].line = 0;
            status = -1;
        }
    }
    return status;
}

/* `<fixture>.expect`: lines of `ID LINE`; blank lines and # comments ignored. A missing
 * sidecar is no expectation at all. */
static int read_sidecar(const char *fixture, expect_list *out) {
    char *path = malloc(strlen(fixture) + 8);
    if (!path)
        abort();
    sprintf(path, "%s.expect", fixture);
    pl_arena a;
    pl_arena_init(&a);
    pl_error err = {0};
    char *text;
    size_t len;
    int status = 0;
    struct stat st;
    if (stat(path, &st) != 0)
        goto done;
    if (pl_file_read(&a, path, CLI_MAX_INPUT, &text, &len, &err) != 0) {
        fail_line(path, 0, "%s", err.message);
        status = -1;
        goto done;
    }
    int lineno = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        char rule[256];
        int n = 0;
        char extra;
        char *s = line;
        while (is_space(*s))
            s++;
        if (*s && *s != '#') {
            long lnum;
            int got = sscanf(s, "%255s %ld%n", rule, &lnum, &n);
            if (got != 2 || lnum < 0 || lnum > 100000000 || sscanf(s + n, " %c", &extra) == 1) {
                fail_line(path, lineno, "malformed expectation; want 'RULE-ID LINE'");
                status = -1;
            } else {
                expect_push(out, rule, strlen(rule), (int)lnum, lineno);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
done:
    pl_arena_free(&a);
    free(path);
    return status;
}

/* ---- running --------------------------------------------------------------------- */

static bool rule_loaded(pl_engine *e, const char *id) {
    for (size_t i = 0; i < pl_engine_rule_count(e); i++)
        if (strcmp(pl_engine_rule(e, i)->id, id) == 0)
            return true;
    return false;
}

/* The bundle's namespace for the rule being tested ("acme/" in "acme/x"), so fixtures
 * may name their rules with bare ids, as the bundle's own files do. */
static bool same_rule(const char *annotated, const char *full) {
    if (strcmp(annotated, full) == 0)
        return true;
    const char *slash = strchr(full, '/');
    return slash && !strchr(annotated, '/') && strcmp(annotated, slash + 1) == 0;
}

static bool annotated_loaded(pl_engine *e, const char *annotated, const char *full) {
    if (rule_loaded(e, annotated))
        return true;
    const char *slash = strchr(full, '/');
    if (!slash || strchr(annotated, '/'))
        return false;
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_printf(&b, "%.*s/%s", (int)(slash - full), full, annotated);
    bool ok = rule_loaded(e, b.data);
    pl_buf_free(&b);
    return ok;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Runs one fixture against rule id. Returns true when it passes; *expects_findings says
 * whether it is a fixture that must fail. */
static bool run_fixture(pl_engine *e, const test_opts *o, const char *id, const char *path,
                        bool *expects_findings) {
    bool ok = true;
    *expects_findings = false;
    pl_arena a;
    pl_arena_init(&a);
    pl_error err = {0};
    char *text;
    size_t len;
    expect_list all = {0};
    int *want = NULL, *got = NULL;
    size_t nwant = 0, ngot = 0;
    pl_results res;
    pl_results_init(&res);

    if (pl_file_read(&a, path, CLI_MAX_INPUT, &text, &len, &err) != 0) {
        fail_line(path, 0, "%s", err.message);
        ok = false;
        goto done;
    }
    pl_doc_kind kind = cli_kind_of(path, text, len);
    if (kind == PL_DOC_UNKNOWN) {
        fail_line(path, 0, "not a Dockerfile or an image config");
        ok = false;
        goto done;
    }
    if (kind == PL_DOC_DOCKERFILE && scan_annotations(path, text, len, &all) != 0)
        ok = false;
    if (read_sidecar(path, &all) != 0)
        ok = false;

    want = calloc(all.n + 1, sizeof *want);
    if (!want)
        abort();
    for (size_t i = 0; i < all.n; i++) {
        if (same_rule(all.items[i].rule, id)) {
            want[nwant++] = all.items[i].line;
        } else if (!annotated_loaded(e, all.items[i].rule, id)) {
            /* a typo in an annotation must not turn an expectation into nothing */
            fail_line(path, all.items[i].annotated_at, "expectation names no loaded rule: '%s'",
                      all.items[i].rule);
            ok = false;
        }
    }
    *expects_findings = nwant > 0;

    pl_document *docs = NULL;
    size_t ndocs = 0;
    if (pl_document_load(&a, kind, path, text, len, NULL, &docs, &ndocs, &err) != 0) {
        fail_line(err.path ? err.path : path, err.line, "fixture does not parse: %s", err.message);
        ok = false;
        goto done;
    }
    if (ndocs == 1 && pl_document_attach_context(&a, &docs[0], path, &err) != 0) {
        fail_line(err.path ? err.path : path, 0, "%s", err.message);
        ok = false;
        goto done;
    }
    for (size_t i = 0; i < ndocs; i++)
        pl_worker_evaluate(e, &o->pool, &docs[i], &res);
    for (size_t i = 0; i < res.nproblems; i++) {
        fail_line(path, res.problems[i].line, "rule error%s%s: %s",
                  res.problems[i].rule ? " in " : "",
                  res.problems[i].rule ? res.problems[i].rule : "", res.problems[i].message);
        ok = false;
    }
    if (res.nproblems == 0) {
        for (size_t i = 0; i < res.nverdicts; i++) {
            if (res.verdicts[i].status == PL_VERDICT_ERROR) {
                fail_line(path, 0, "rule error in %s: %s", res.verdicts[i].rule,
                          res.verdicts[i].message ? res.verdicts[i].message : "(no message)");
                ok = false;
            }
        }
    }

    got = calloc(res.nfindings + 1, sizeof *got);
    if (!got)
        abort();
    for (size_t i = 0; i < res.nfindings; i++)
        got[ngot++] = res.findings[i].line;
    qsort(want, nwant, sizeof *want, cmp_int);
    qsort(got, ngot, sizeof *got, cmp_int);
    size_t i = 0, j = 0;
    while (i < nwant || j < ngot) {
        if (j >= ngot || (i < nwant && want[i] < got[j])) {
            fail_line(path, want[i], "missing finding: %s should report %s", id,
                      want[i] ? "here" : "one finding with no line (line 0)");
            ok = false;
            i++;
        } else if (i >= nwant || got[j] < want[i]) {
            const char *msg = "";
            for (size_t k = 0; k < res.nfindings; k++)
                if (res.findings[k].line == got[j]) {
                    msg = res.findings[k].message;
                    break;
                }
            fail_line(path, got[j], "unexpected finding: %s: %s", id, msg);
            ok = false;
            j++;
        } else {
            i++, j++;
        }
    }
done:
    free(want);
    free(got);
    pl_results_free(&res);
    expect_free(&all);
    pl_arena_free(&a);
    return ok;
}

/* Runs the fixtures of tests/<local id>/ against rule id. A directory holding only
 * *_test.lua files has no fixtures to check and asks nothing of them. Returns whether
 * the directory had fixtures. */
static bool run_rule_dir(pl_engine *e, const test_opts *o, const char *rule_dir, const char *id,
                         runner *r) {
    strlist fixtures = {0};
    collect_fixtures(rule_dir, &fixtures);
    if (fixtures.n == 0) {
        strlist_free(&fixtures);
        return false;
    }
    if (!rule_loaded(e, id)) {
        fail_line(rule_dir, 0, "no rule with id '%s' in this bundle", id);
        r->failed++;
        strlist_free(&fixtures);
        return false;
    }
    pl_error err = {0};
    const char *ids[] = {id};
    if (pl_engine_select(e, ids, 1, &err) != 0) {
        fail_line(rule_dir, 0, "%s", err.message);
        r->failed++;
        strlist_free(&fixtures);
        return false;
    }
    size_t failing = 0, passing = 0;
    for (size_t i = 0; i < fixtures.n; i++) {
        bool expects;
        if (run_fixture(e, o, id, fixtures.items[i], &expects))
            r->passed++;
        else
            r->failed++;
        if (expects)
            failing++;
        else
            passing++;
    }
    if (failing == 0) {
        fail_line(rule_dir, 0, "no failing fixture: add one with an '# expect: %s' annotation", id);
        r->failed++;
    }
    if (passing == 0) {
        fail_line(rule_dir, 0, "no passing fixture: add one on which %s reports nothing", id);
        r->failed++;
    }
    strlist_free(&fixtures);
    return true;
}

/* Every *_test.lua under dir, recursively, sorted. */
static void collect_test_files(const char *dir, strlist *out) {
    strlist names = {0};
    list_dir(dir, &names);
    for (size_t i = 0; i < names.n; i++) {
        char *path = join(dir, names.items[i]);
        if (is_dir(path)) {
            collect_test_files(path, out);
            free(path);
        } else if (ends_with(path, "_test.lua")) {
            strlist_push(out, path);
        } else {
            free(path);
        }
    }
    strlist_free(&names);
}

/* Runs one *_test.lua file; records the rules it made assertions about in covered. */
static void run_test_file(pl_engine *e, const test_opts *o, const char *ns, const char *path,
                          strlist *covered, runner *r) {
    pl_arena a;
    pl_arena_init(&a);
    pl_error err = {0};
    char *text;
    size_t len;
    if (pl_file_read(&a, path, CLI_MAX_INPUT, &text, &len, &err) != 0) {
        fail_line(path, 0, "%s", err.message);
        r->failed++;
        pl_arena_free(&a);
        return;
    }
    pl_test_file tf;
    pl_worker_run_tests(e, &o->pool, ns, path, text, len, &tf);
    if (tf.load_error) {
        fail_line(path, tf.load_line, "the test file did not run: %s", tf.load_error);
        r->failed++;
    } else if (tf.ncases == 0) {
        fail_line(path, 0,
                  "no test in this file (declare one with test(\"name\", function(t) ... end))");
        r->failed++;
    }
    for (size_t i = 0; i < tf.ncases; i++) {
        const pl_test_case *c = &tf.cases[i];
        if (c->failure) {
            fail_line(path, c->fail_line ? c->fail_line : c->line, "%s: %s", c->name, c->failure);
            r->failed++;
        } else {
            r->passed++;
        }
    }
    for (size_t i = 0; i < tf.nrules_tested; i++) {
        char *s = strdup(tf.rules_tested[i]);
        if (!s)
            abort();
        strlist_push(covered, s);
    }
    pl_test_file_free(&tf);
    pl_arena_free(&a);
}

static bool listed(const strlist *l, const char *s) {
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], s) == 0)
            return true;
    return false;
}

static void run_bundle(const char *dir, const test_opts *o, runner *r) {
    pl_engine *e = pl_engine_new(&o->limits);
    pl_engine_set_load_deadline(e, o->pool.timeout_ms); /* the bundle's load too */
    pl_results res;
    pl_results_init(&res);
    pl_manifest m = {0};
    pl_engine_add_bundle_alone(e, dir, &m, &res);
    const char *ns = m.name && strcmp(m.name, PL_BUILTIN_BUNDLE) != 0 ? m.name : NULL;
    pl_results_sort(&res);
    for (size_t i = 0; i < res.nproblems; i++) {
        const pl_problem *p = &res.problems[i];
        fail_line(p->path ? p->path : dir, p->line, "%s", p->message);
        r->load_error = true;
        r->failed++;
    }

    char *tests = join(dir, "tests");
    strlist dirs = {0}, covered = {0}, files = {0};
    list_dir(tests, &dirs);
    for (size_t i = 0; i < dirs.n && !o->policy_only; i++) {
        char *rule_dir = join(tests, dirs.items[i]);
        pl_buf id;
        pl_buf_init(&id);
        if (ns)
            pl_buf_printf(&id, "%s/", ns);
        pl_buf_puts(&id, dirs.items[i]);
        if (is_dir(rule_dir) && run_rule_dir(e, o, rule_dir, id.data, r))
            strlist_push(&covered, pl_buf_take(&id));
        pl_buf_free(&id);
        free(rule_dir);
    }
    if (!o->policy_only) {
        collect_test_files(tests, &files);
        for (size_t i = 0; i < files.n; i++)
            run_test_file(e, o, ns, files.items[i], &covered, r);
    }
    for (size_t i = 0; i < pl_engine_rule_count(e); i++) {
        const pl_rule_meta *rm = pl_engine_rule(e, i);
        bool has_dir = false;
        const char *local = ns ? rm->id + strlen(ns) + 1 : rm->id;
        for (size_t j = 0; j < dirs.n && !has_dir; j++)
            has_dir = strcmp(dirs.items[j], local) == 0;
        if (o->policy_only ? has_dir : listed(&covered, rm->id))
            continue;
        pl_buf b;
        pl_buf_init(&b);
        pl_report_escape(&b, rm->id);
        if (o->require_coverage) {
            fail_line(rm->file, 0,
                      "untested rule %s: add fixtures in %s/%s/ or a *_test.lua "
                      "assertion about it",
                      b.data, tests, local);
            r->failed++;
        } else {
            printf("warning: untested rule %s (no fixtures in %s/%s/ and no *_test.lua "
                   "assertion)\n",
                   b.data, tests, local);
        }
        pl_buf_free(&b);
    }
    strlist_free(&dirs);
    strlist_free(&covered);
    strlist_free(&files);
    free(tests);
    pl_manifest_free(&m);
    pl_results_free(&res);
    pl_engine_free(e);
}

int cli_test(int argc, char **argv) {
    cli_parser p;
    cli_parser_init(&p, argc, argv, "test");
    cli_strs dirs = {0};
    test_opts o = {0};
    pl_cli_settings cs = {0};
    char msg[256];
    const char *v;
    unsigned long long n;
    int id, status = -1;
    while (status < 0 && (id = cli_next(&p, options, &v, msg, sizeof msg)) != CLI_END) {
        switch (id) {
        case CLI_BAD: status = cli_usage_error("%s", msg); break;
        case CLI_OPERAND: cli_strs_push(&dirs, v); break;
        case OPT_POLICY_ONLY: o.policy_only = true; break;
        case OPT_REQUIRE_COVERAGE: o.require_coverage = true; break;
        case OPT_TIMEOUT:
            if (cli_parse_count(v, 1, 86400000, &n) != 0)
                status = cli_usage_error(
                    "test: --timeout wants milliseconds from 1 to 86400000, not '%s'", v);
            cs.timeout_ms = (unsigned)n;
            break;
        case OPT_CONFIG:
            if (!*v)
                status = cli_usage_error("test: --config needs a file name");
            cs.config_path = v;
            break;
        case OPT_NO_CONFIG: cs.no_config = true; break;
        case OPT_HELP:
            fputs(usage, stdout);
            status = CLI_EXIT_OK;
            break;
        }
    }
    if (status < 0 && dirs.n == 0)
        cli_strs_push(&dirs, ".");
    for (size_t i = 0; status < 0 && i < dirs.n; i++)
        if (!is_dir(dirs.items[i]))
            status = cli_usage_error("test: %s: not a directory", dirs.items[i]);
    if (status < 0 && cs.config_path && cs.no_config)
        status = cli_usage_error("test: --config and --no-config contradict each other");
    /* the limits as check resolves them; the bundles are the ones named, with their
     * rules' own defaults (a configuration's rules: settings would change what the
     * fixtures expect) */
    pl_settings st;
    memset(&st, 0, sizeof st);
    if (status < 0)
        status = cli_settings_open(&cs, &st);
    o.limits = st.limits;
    o.pool = pl_settings_pool_opts(&st, 1);
    pl_settings_free(&st);
    if (status >= 0) {
        cli_strs_free(&dirs);
        return status;
    }
    runner r = {0};
    for (size_t i = 0; i < dirs.n; i++)
        run_bundle(dirs.items[i], &o, &r);
    printf("%zu passed, %zu failed\n", r.passed, r.failed);
    fflush(stdout);
    cli_strs_free(&dirs);
    if (r.load_error)
        return CLI_EXIT_ERROR;
    return r.failed ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}
