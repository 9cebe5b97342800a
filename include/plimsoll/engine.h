/* engine.h — policy bundles, the sandboxed Lua states that run them, and evaluation.
 *
 * A bundle is a set of Lua files held in memory (read from a directory, or embedded into
 * the binary at build time for the built-in one), so the same loader serves both and a
 * worker process never needs to open a file. Each bundle gets one sandboxed lua_State;
 * a document becomes Lua tables once per bundle and every applicable rule of the bundle
 * reads the same read-only tables. */
#ifndef PLIMSOLL_ENGINE_H
#define PLIMSOLL_ENGINE_H

#include <stdint.h>

#include "plimsoll/core.h"
#include "plimsoll/document.h"
#include "plimsoll/result.h"

typedef struct pl_limits {
    size_t memory_bytes;     /* per Lua state (allocator cap); default 64 MiB */
    uint64_t instructions;   /* per rule call (count hook); default 50 million */
    size_t max_findings;     /* per rule and document; default 1000 */
    size_t max_message;      /* bytes per finding message; default 4096 */
} pl_limits;

void pl_limits_default(pl_limits *l);

typedef struct pl_bundle_file {
    const char *path;  /* relative to the bundle root, '/'-separated: "dockerfile/x.lua" */
    const char *data;
    size_t len;
} pl_bundle_file;

/* The built-in bundle, generated from policies/ at build time. */
extern const pl_bundle_file pl_builtin_bundle[];
extern const size_t pl_builtin_bundle_len;

typedef struct pl_engine pl_engine;

pl_engine *pl_engine_new(const pl_limits *limits);
void pl_engine_free(pl_engine *e);

/* Loads a bundle. A file is a rule when it ends in .lua and is not under lib/ or tests/
 * and does not end in _test.lua; its id is its base name without .lua (prefixed with
 * "name/" when name is not NULL). Every load problem (syntax error, bad metadata,
 * duplicate id) is added to res->problems with file and line; the other rules still load.
 * Returns the number of problems. root names the bundle in messages. */
int pl_engine_add_bundle(pl_engine *e, const char *name, const char *root,
                         const pl_bundle_file *files, size_t nfiles, pl_results *res);
/* Reads a directory into memory and loads it as above. */
int pl_engine_add_bundle_dir(pl_engine *e, const char *name, const char *dir, pl_results *res);

size_t pl_engine_rule_count(const pl_engine *e);
const pl_rule_meta *pl_engine_rule(const pl_engine *e, size_t i);
/* What rule i printed with print() so far (for --verbose): bounded to 64 KiB per rule,
 * control characters escaped. Never NULL. (Loading a bundle does not add rules to
 * res->rules: the caller adds those it reports on, from pl_engine_rule.) */
const char *pl_engine_rule_log(const pl_engine *e, size_t i);

/* Restricts evaluation to the listed rule ids (NULL: all). Unknown ids: -1 with err. */
int pl_engine_select(pl_engine *e, const char *const *ids, size_t n, pl_error *err);

/* Runs every applicable selected rule on one document: a verdict per rule, findings,
 * and problems for rules that raised or hit a limit. Never stops at a failing rule. */
void pl_engine_evaluate(pl_engine *e, const pl_document *doc, pl_results *res);

/* Called by pl_engine_evaluate before each applicable selected rule runs (the document's
 * tables may not be built yet), with the rule's index as in pl_engine_rule. Returning false
 * skips the rule: no verdict, no finding. Worker processes use it to mark which rule is
 * running (for the parent's deadline) and to skip rules already done. NULL: none. */
typedef bool (*pl_rule_start_fn)(void *ud, size_t rule);
void pl_engine_on_rule_start(pl_engine *e, pl_rule_start_fn fn, void *ud);

/* The model a rule receives for doc, as JSON (what `plimsoll inspect` prints). Returns a
 * heap string, or NULL with err. */
char *pl_engine_inspect_json(pl_engine *e, const pl_document *doc, pl_error *err);

#endif
