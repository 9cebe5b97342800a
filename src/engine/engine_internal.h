/* engine_internal.h — what the engine's files share and nothing outside src/engine sees.
 *
 * sandbox.c owns a lua_State and its limits; bridge.c turns a document into read-only
 * tables inside one; policy.c loads bundles and (re)builds their states; evaluate.c runs
 * rules; inspect.c prints what a rule sees. */
#ifndef PL_ENGINE_INTERNAL_H
#define PL_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <lua.h>

#include "plimsoll/engine.h"

/* The Lua prelude (every .lua file of src/lua), embedded at build time, sorted by file name. */
extern const pl_bundle_file pl_prelude[];
extern const size_t pl_prelude_len;
/* The rule standard library (src/lua/std: "plimsoll/x.lua" for require("plimsoll.x")). */
extern const pl_bundle_file pl_stdlib[];
extern const size_t pl_stdlib_len;
/* The test kit's API (src/lua/testkit/api.lua), one file. */
extern const pl_bundle_file pl_testkit_api[];
extern const size_t pl_testkit_api_len;

typedef struct pl_bundle pl_bundle;

/* One sandboxed state and its accounting. Heap-allocated and never moved: the allocator
 * and the hook find it through lua_getallocf's user data. */
typedef struct pl_sandbox {
    lua_State *L;
    size_t mem_used, mem_limit;
    uint64_t budget;         /* instructions allowed for the current call */
    uint64_t used;           /* instructions counted so far (in steps of `step`) */
    int step;                /* count-hook period */
    bool tripped;            /* instruction budget exhausted: sticky until the state dies */
    bool oom;                /* an allocation was refused: sticky until the state dies */
    const pl_bundle *bundle; /* for require(): its files and display root; may be NULL */
    pl_buf *log;             /* where print() appends (the running rule's log); may be NULL */
    size_t log_cap;
} pl_sandbox;

/* Creates a state with the safe libraries, the read-only base environment and the
 * prelude. Returns NULL with err filled when even that does not fit the limits. */
pl_sandbox *pl_sandbox_new(const pl_limits *lim, const pl_bundle *b, pl_error *err);
void pl_sandbox_free(pl_sandbox *s);

/* Arms the instruction budget for one call from the host. */
void pl_sandbox_arm(pl_sandbox *s, uint64_t instructions);
/* True once the state hit a limit and must not be trusted again. */
bool pl_sandbox_spent(const pl_sandbox *s);

/* Pushes a fresh environment for one chunk: an empty table whose locked metatable
 * reads through to the read-only base. */
void pl_sandbox_push_env(lua_State *L);
/* Replaces the table at the top with a read-only proxy of it; input selects the error
 * message ("attempt to modify the input" vs "... a read-only table"). */
void pl_sandbox_protect(lua_State *L, bool input);
/* If the value at idx is a read-only proxy, pushes the table behind it and returns 1;
 * else pushes nothing and returns 0. Raw: runs no metamethod. */
int pl_sandbox_unproxy(lua_State *L, int idx);

/* Describes the error object at the top without running any metamethod:
 * a string as it is, a number formatted, else "(error object is a T value)". The result
 * is escaped (no control characters) and at most max bytes. Heap string. */
char *pl_sandbox_error_text(lua_State *L, int idx, size_t max);

/* Escapes control characters (\n, \t, \xNN) and caps the result at max bytes, noting a
 * cut. Heap string. */
char *pl_text_clean(const char *s, size_t len, size_t max, bool *truncated);

/* Parses the "<chunk>:<line>:" prefix Lua puts on messages; 0 when absent. */
int pl_message_line(const char *msg, const char *chunk_display);

/* ---- bridge ----------------------------------------------------------------- */

/* Registry keys of the metatables the prelude gives model tables (for methods). */
extern const char pl_reg_mt_dockerfile, pl_reg_mt_stage, pl_reg_mt_instruction, pl_reg_mt_command,
    pl_reg_mt_image;

/* Pushes the read-only table for doc (must run inside a protected call: it allocates). */
void pl_bridge_push_document(lua_State *L, const pl_document *doc);
/* pl.image_ref(str): the analysis's splitter (pl_image_ref_split) for rules, as a table. */
int pl_bridge_image_ref(lua_State *L);

/* ---- bundles and rules ------------------------------------------------------ */

typedef struct pl_rule {
    pl_rule_meta meta;
    pl_bundle *bundle;
    size_t file; /* index into bundle->files */
    int slot;    /* index of its check function in the state's rule table; 0: none */
    bool selected;
    size_t index;           /* position in engine->rules (pl_engine_rule's i) */
    pl_buf log;             /* print() output, bounded */
    struct json_t **values; /* effective parameter values (jansson), parallel to meta.params */
    bool sev_override;      /* meta.severity was configured: it wins over report{severity=} */
    char *skip_reason;      /* why a disabled rule does not run */
} pl_rule;

/* The rule call in progress in a bundle's state, for report(): a report function
 * remembers the generation it was made for and refuses to run after that call ends. */
typedef struct pl_run {
    bool active;
    lua_Integer gen;
    pl_rule *rule;
    const pl_document *doc;
    pl_results *res;
    const pl_limits *limits;
    size_t nfindings, dropped;
    pl_buf *trace; /* --trace of this rule: where report() calls are described */
} pl_run;

/* Registry keys shared by policy.c and evaluate.c. */
extern const char pl_reg_rules;  /* table: slot -> check function */
extern const char pl_reg_doc;    /* the current document's proxy */
extern const char pl_reg_params; /* table: slot -> read-only params table (a cache) */

/* Pushes rule r's read-only params table (built once per state and cached). */
void pl_rule_push_params(lua_State *L, const pl_rule *r);

struct pl_bundle {
    char *name;            /* NULL for the built-in bundle */
    char *root;            /* display root: "policies" */
    char *real;            /* the directory's real path (its identity); NULL when embedded */
    pl_bundle_file *files; /* owned copies */
    size_t nfiles;
    bool *rejected;  /* per file: did not load (problem reported once) */
    pl_rule **rules; /* the rules of this bundle, in file order */
    size_t nrules;
    pl_sandbox *sb; /* NULL when it must be rebuilt before use */
    bool built;     /* the first build (which reports problems) is done */
    pl_engine *engine;
    pl_run run;
};

struct pl_engine {
    pl_limits limits;
    pl_bundle **bundles;
    size_t nbundles;
    pl_rule **rules; /* every loaded rule, in load order */
    size_t nrules;
    char *trace_id;            /* check --trace: the rule traced, or NULL */
    bool verbose;              /* check --verbose: what rules print becomes notes in the results */
    pl_buf trace;              /* what the traced rule did, as text */
    pl_rule_start_fn on_start; /* see pl_engine_on_rule_start; may be NULL */
    void *on_start_ud;
    unsigned load_deadline_ms; /* see pl_engine_set_load_deadline; 0: none */
};

/* ---- tracing (trace.c) ------------------------------------------------------- */

/* Key in a tracing wrapper's metatable holding the proxy it wraps (sandbox.c unwraps). */
extern const char pl_trace_mark;
/* Replaces the document proxy at the top with a tracing wrapper; -1 on a Lua error
 * (the error object replaces it). */
int pl_trace_wrap(lua_State *L, const char *root_label);
/* Appends the recorded reads ("  read df.stages[1].from: image tag (x2)") and clears them. */
void pl_trace_format(lua_State *L, pl_buf *out);

/* Builds (or rebuilds) the bundle's state: prelude, then every non-rejected rule. On the
 * first build res receives problems and rules are registered; on rebuilds res is NULL. */
int pl_bundle_build(pl_bundle *b, pl_results *res);

/* Bytes of print() output kept per rule. */
#define PL_RULE_LOG_CAP (64u * 1024u)

/* "policies/dockerfile/x.lua" for messages and chunk names. Heap string. */
char *pl_bundle_display(const pl_bundle *b, const char *path);

#endif
