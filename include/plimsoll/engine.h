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

/* The rule API this plimsoll provides: the input model, the prelude's `pl` table and the
 * standard library (require("plimsoll.x")). A bundle.yaml's `api:` may not exceed it. */
#define PL_RULE_API 1

typedef struct pl_limits {
    size_t memory_bytes;   /* per Lua state (allocator cap); default 64 MiB */
    uint64_t instructions; /* per rule call (count hook); default 50 million */
    size_t max_findings;   /* per rule and document; default 1000 */
    size_t max_message;    /* bytes per finding message; default 4096 */
} pl_limits;

void pl_limits_default(pl_limits *l);

typedef struct pl_bundle_file {
    const char *path; /* relative to the bundle root, '/'-separated: "dockerfile/x.lua" */
    const char *data;
    size_t len;
} pl_bundle_file;

/* The built-in bundle, generated from policies/ at build time. */
extern const pl_bundle_file pl_builtin_bundle[];
extern const size_t pl_builtin_bundle_len;

typedef struct pl_engine pl_engine;

pl_engine *pl_engine_new(const pl_limits *limits);
void pl_engine_free(pl_engine *e);

/* The one grammar of rule ids and bundle names: words of lowercase letters and digits
 * joined by single hyphens, [a-z0-9]+(-[a-z0-9]+)*, at most 64 bytes. */
bool pl_name_ok(const char *name, size_t len);
/* A rule id no rule may take: "all", which suppressions read as every rule. */
#define PL_RESERVED_RULE_ID "all"

/* Loads a bundle. A file is a rule when it ends in .lua and is not under lib/ or tests/
 * and does not end in _test.lua; its id is its base name without .lua (prefixed with
 * "name/" when name is not NULL), which must follow pl_name_ok and not be the reserved
 * id. Every load problem (bad file name, syntax error, bad metadata, duplicate id) is
 * added to res->problems with file and line; the other rules still load.
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

/* With verbose on, what a rule print()s while it checks a document is added to the results
 * as a note on that document (rule id, "print: ..."); off by default. */
void pl_engine_set_verbose(pl_engine *e, bool on);
/* Bundles added after this (other than the built-in one) are first loaded once in a
 * confined worker under a wall-clock deadline of ms (0: none, the default): a rule file
 * whose top-level code never finishes (a backtracking pattern inside one C call, which
 * the instruction limit cannot stop) makes its bundle a load problem instead of hanging
 * the command. */
void pl_engine_set_load_deadline(pl_engine *e, unsigned ms);

/* Restricts evaluation to the listed rule ids (NULL: all). Unknown ids: -1 with err. */
int pl_engine_select(pl_engine *e, const char *const *ids, size_t n, pl_error *err);

/* ---- configuration of loaded rules (additions) -----------------------------------
 * Each takes a rule id or one of its aliases; an unknown rule or parameter, or a value
 * of the wrong type, is -1 with err naming it (err has no location: the caller adds
 * the place in its configuration). */

struct json_t;
/* Sets a declared parameter. value (a jansson value, not stolen) must match the declared
 * type: string, number (integer or real), integer, boolean, list (array of strings). */
int pl_engine_set_param(pl_engine *e, const char *rule, const char *name,
                        const struct json_t *value, pl_error *err);
/* Enables or disables a rule. A disabled rule does not run; applicable documents get a
 * skip verdict with reason (NULL: "disabled by configuration"). rule is an id, or an
 * alias: then every rule declaring that alias (as for set_severity). */
int pl_engine_set_enabled(pl_engine *e, const char *rule, bool enabled, const char *reason,
                          pl_error *err);
/* Overrides a rule's severity: its metadata and every finding it reports. */
int pl_engine_set_severity(pl_engine *e, const char *rule, pl_severity sev, pl_error *err);
/* Does token (an id or an alias) name the rule rule_id? An exact id names that rule
 * alone; an alias names every rule that declares it. For suppressions and exceptions. */
bool pl_engine_rule_answers_to(const pl_engine *e, const char *rule_id, const char *token);
/* Enables the rules of a preset and disables the others: "default" runs the rules of the
 * default preset, "strict" runs default and strict ones. Apply before per-rule settings. */
int pl_engine_set_preset(pl_engine *e, const char *preset, pl_error *err);
/* The loaded rule with this id or alias, or NULL. */
const pl_rule_meta *pl_engine_find_rule(const pl_engine *e, const char *id_or_alias);
/* The rule a bare id names: the one loaded rule whose id is "<bundle>/<token>" (built-in
 * ids have no bundle part; find them by id). *n receives how many rules have that bare
 * id: 0, none; more than 1, it is ambiguous and NULL is returned. A token with a '/' is
 * never a bare id. For inline ignores, where `no-latest` may stand for `acme/no-latest`. */
const pl_rule_meta *pl_engine_find_bare(const pl_engine *e, const char *token, size_t *n);
/* The name of a loaded rule (an id, a bundle rule's bare id, or an alias) nearest to an
 * unknown token, for "did you mean" (see pl_suggest), or NULL when none is near. The
 * string is the engine's. */
const char *pl_engine_suggest_rule(const pl_engine *e, const char *token);

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

/* Traces rule id (or alias; NULL: stop): each time it runs, what it read from the input
 * (field by field, with counts), what it printed, every report() call with the policy
 * line it came from, and its verdict are appended to a text pl_engine_trace_text returns
 * (never NULL). Unknown id: -1 with err. */
int pl_engine_trace(pl_engine *e, const char *id, pl_error *err);
const char *pl_engine_trace_text(const pl_engine *e);

/* ---- describing rules (describe.c) -------------------------------------------------- */

typedef struct pl_rule_param {
    char *name, *type;  /* type as declared: "string", "number", "boolean", "list" */
    char *default_text; /* the default as a Lua literal; NULL when none */
    char *description;
} pl_rule_param;

typedef struct pl_rule_extra {
    char *preset;          /* "default", "strict", ...; NULL when the rule declares none */
    pl_rule_param *params; /* sorted by name */
    size_t nparams;
} pl_rule_extra;

/* What rule i declares besides pl_rule_meta: its preset and parameters, read again from
 * its file in a fresh sandbox. 0, or -1 with err; out is always safe to free. */
int pl_engine_rule_extra(pl_engine *e, size_t i, pl_rule_extra *out, pl_error *err);
void pl_rule_extra_free(pl_rule_extra *x);
/* The files of rule i's bundle (its rules, lib/, manifest, and tests/ fixtures), sorted by
 * path, and the rule's own path among them ("dockerfile/x.lua"). */
const pl_bundle_file *pl_engine_rule_files(const pl_engine *e, size_t i, size_t *n);
const char *pl_engine_rule_path(const pl_engine *e, size_t i);

/* ---- the Lua test kit (testkit.c) ------------------------------------------------ */

/* One test() of a *_test.lua file. */
typedef struct pl_test_case {
    char *name;
    int line;      /* where test() was called */
    int fail_line; /* where it failed (the assertion, or the error); 0 when unknown */
    char *failure; /* NULL: passed */
} pl_test_case;

typedef struct pl_test_file {
    pl_test_case *cases;
    size_t ncases;
    char *load_error; /* the file did not load or run: no cases */
    int load_line;
    char **rules_tested; /* full ids of the rules an assertion was made about */
    size_t nrules_tested;
} pl_test_file;

/* Runs a *_test.lua file (its text, named path in messages) in a fresh sandboxed state
 * holding the test API (docs/writing-rules.md): each test() may evaluate the engine's
 * rules on documents given inline. ns is the bundle's name for resolving bare rule ids
 * (NULL: bare ids). Changes the engine's rule selection. out is always safe to free. */
void pl_engine_run_tests(pl_engine *e, const char *ns, const char *path, const char *text,
                         size_t len, pl_test_file *out);
void pl_test_file_free(pl_test_file *f);

#endif
