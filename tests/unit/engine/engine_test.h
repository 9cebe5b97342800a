/* engine_test.h — helpers shared by the engine's unit tests: bundles from inline Lua,
 * documents from inline text, and looking up verdicts. Header-only (static functions)
 * because each test file is its own executable. */
#ifndef PL_ENGINE_TEST_H
#define PL_ENGINE_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/document.h"
#include "plimsoll/engine.h"
#include "plimsoll/result.h"

/* files: path, source, path, source, ..., NULL */
static inline pl_engine *engine_from(const pl_limits *lim, pl_results *res,
                                     const char *const *files) {
    pl_engine *e = pl_engine_new(lim);
    size_t n = 0;
    while (files[2 * n])
        n++;
    pl_bundle_file *bf = calloc(n ? n : 1, sizeof *bf);
    for (size_t i = 0; i < n; i++)
        bf[i] = (pl_bundle_file){files[2 * i], files[2 * i + 1], strlen(files[2 * i + 1])};
    pl_engine_add_bundle(e, NULL, "policies", bf, n, res);
    free(bf);
    return e;
}

static inline pl_document *load_doc(pl_arena *a, pl_doc_kind kind, const char *path,
                                    const char *text) {
    pl_document *docs = NULL;
    size_t n = 0;
    pl_error err;
    memset(&err, 0, sizeof err);
    int rc = pl_document_load(a, kind, path, text, strlen(text), NULL, &docs, &n, &err);
    if (rc != 0)
        fprintf(stderr, "load_doc: %s:%d: %s\n", path, err.line, err.message);
    assert_int_equal(rc, 0);
    assert_true(n >= 1);
    return &docs[0];
}

static inline const pl_verdict *verdict_of(const pl_results *r, const char *rule) {
    for (size_t i = 0; i < r->nverdicts; i++)
        if (strcmp(r->verdicts[i].rule, rule) == 0)
            return &r->verdicts[i];
    return NULL;
}

static inline size_t findings_of(const pl_results *r, const char *rule) {
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += strcmp(r->findings[i].rule, rule) == 0;
    return n;
}

static inline const pl_finding *finding_of(const pl_results *r, const char *rule, size_t k) {
    for (size_t i = 0; i < r->nfindings; i++)
        if (strcmp(r->findings[i].rule, rule) == 0 && k-- == 0)
            return &r->findings[i];
    return NULL;
}

static inline const pl_problem *problem_about(const pl_results *r, const char *needle) {
    for (size_t i = 0; i < r->nproblems; i++)
        if (r->problems[i].message && strstr(r->problems[i].message, needle))
            return &r->problems[i];
    return NULL;
}

static inline void dump_results(const pl_results *r) {
    for (size_t i = 0; i < r->nproblems; i++)
        fprintf(stderr, "problem: %s:%d: [%s] %s\n",
                r->problems[i].path ? r->problems[i].path : "-", r->problems[i].line,
                r->problems[i].rule ? r->problems[i].rule : "-", r->problems[i].message);
    for (size_t i = 0; i < r->nverdicts; i++)
        fprintf(stderr, "verdict: %s %s %s\n", r->verdicts[i].rule,
                pl_verdict_status_name(r->verdicts[i].status),
                r->verdicts[i].message ? r->verdicts[i].message : "");
    for (size_t i = 0; i < r->nfindings; i++)
        fprintf(stderr, "finding: %s %s:%d %s\n", r->findings[i].rule, r->findings[i].path,
                r->findings[i].line, r->findings[i].message);
}

#endif
