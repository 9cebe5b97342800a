/* sandbox.c — one Lua state that a stranger's policy can run in: what it may call, how
 * much memory and how many instructions it gets, and what it can never change.
 *
 * This is the language layer of docs/security.md. The state is built from lua_newstate
 * with a capped allocator and a count hook installed before any chunk is loaded (so
 * every coroutine inherits it). Policies see a base environment of safe functions and
 * read-only proxies of the libraries; every chunk gets its own _ENV reading through to
 * it. Limits are sticky: once tripped, every hook call raises again and the host treats
 * the state as spent, whatever the Lua code caught. Lua 5.4.4 specifics that shape this
 * file are measured in shared/reference/lua-sandbox.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "engine_internal.h"

/* Registry keys: addresses of these bytes. */
static const char reg_base;     /* the base environment every chunk reads through to */
static const char reg_env_mt;   /* the locked metatable of every chunk environment */
static const char reg_libcache; /* require() results by module name */
static const char reg_loading;  /* sentinel stored while a module loads (cycles) */
static const char proxy_mark;   /* key in a proxy's metatable: 1 input, 2 library */

/* Instructions allowed to build the state itself (prelude chunks only define functions),
 * independent of the per-rule limit so a small limit cannot break the prelude. */
#define SETUP_INSTRUCTIONS 10000000u

static pl_sandbox *sandbox_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

/* ---- limits --------------------------------------------------------------------- */

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    pl_sandbox *s = ud;
    if (!ptr)
        osize = 0; /* Lua passes the type tag of a new object here */
    if (nsize == 0) {
        free(ptr);
        s->mem_used -= osize;
        return NULL;
    }
    /* Growth is refused for good after the first refusal: the state is spent, and a
     * memory bomb caught by pcall must not get a second try after an emergency GC. */
    if (nsize > osize && (s->oom || s->mem_used - osize + nsize > s->mem_limit)) {
        s->oom = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) {
        s->oom = true;
        return NULL;
    }
    s->mem_used = s->mem_used - osize + nsize;
    return p;
}

static void sb_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    pl_sandbox *s = sandbox_of(L);
    if (!s->tripped && !s->oom) {
        s->used += (uint64_t)s->step;
        if (s->used < s->budget)
            return;
        s->tripped = true;
    }
    /* Sticky: from now on this thread errors at every instruction, so pcall loops,
     * error handlers and __close handlers cannot keep running. */
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
    if (s->tripped)
        luaL_error(L, "instruction limit exceeded");
    luaL_error(L, "memory limit exceeded");
}

void pl_sandbox_arm(pl_sandbox *s, uint64_t instructions) {
    if (instructions == 0)
        instructions = 1;
    s->used = 0;
    s->budget = instructions;
    s->step = instructions < 1000 ? (int)instructions : 1000;
    lua_sethook(s->L, sb_hook, LUA_MASKCOUNT, (s->tripped || s->oom) ? 1 : s->step);
}

bool pl_sandbox_spent(const pl_sandbox *s) {
    return s->tripped || s->oom;
}

/* ---- read-only proxies ------------------------------------------------------------ */

static int ro_newindex_input(lua_State *L) {
    return luaL_error(L, "attempt to modify the input");
}
static int ro_newindex_lib(lua_State *L) {
    return luaL_error(L, "attempt to modify a read-only table");
}

int pl_sandbox_unproxy(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    if (lua_rawgetp(L, -1, &pl_trace_mark) == LUA_TTABLE) {
        /* a --trace wrapper: see through it to the proxy, then the table */
        lua_remove(L, -2);
        if (pl_sandbox_unproxy(L, -1)) {
            lua_remove(L, -2);
            return 1;
        }
        return 1;
    }
    lua_pop(L, 1);
    if (lua_rawgetp(L, -1, &proxy_mark) == LUA_TNIL) {
        lua_pop(L, 2);
        return 0;
    }
    lua_pop(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return 1;
}

/* 0: not a proxy, 1: input, 2: library. */
static int proxy_kind(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    if (lua_rawgetp(L, -1, &pl_trace_mark) != LUA_TNIL) {
        lua_pop(L, 2);
        return 1; /* a --trace wrapper stands for the input */
    }
    lua_pop(L, 1);
    lua_rawgetp(L, -1, &proxy_mark);
    int k = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
    return k;
}

static int ro_len(lua_State *L) {
    if (pl_sandbox_unproxy(L, 1)) {
        lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
    return 1;
}

static int sb_next(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (pl_sandbox_unproxy(L, 1))
        lua_replace(L, 1);
    if (lua_next(L, 1))
        return 2;
    lua_pushnil(L);
    return 1;
}

static int ro_pairs(lua_State *L) {
    lua_pushcfunction(L, sb_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void pl_sandbox_protect(lua_State *L, bool input) {
    luaL_checkstack(L, 4, "protect");
    lua_createtable(L, 0, 0); /* proxy */
    lua_createtable(L, 0, 7); /* its metatable */
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, input ? ro_newindex_input : ro_newindex_lib);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, ro_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, ro_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pushinteger(L, input ? 1 : 2);
    lua_rawsetp(L, -2, &proxy_mark);
    lua_setmetatable(L, -2);
    lua_replace(L, -2);
}

void pl_sandbox_push_env(lua_State *L) {
    luaL_checkstack(L, 3, "env");
    lua_createtable(L, 0, 4);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_env_mt);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
}

/* ---- the base functions policies get ---------------------------------------------- */

static int sb_rawget(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    lua_settop(L, 2);
    if (pl_sandbox_unproxy(L, 1))
        lua_replace(L, 1);
    lua_rawget(L, 1);
    return 1;
}

static int sb_rawlen(lua_State *L) {
    int t = lua_type(L, 1);
    luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
    if (pl_sandbox_unproxy(L, 1))
        lua_replace(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
    return 1;
}

static int sb_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    int k = proxy_kind(L, 1);
    if (k == 1)
        return luaL_error(L, "attempt to modify the input");
    if (k == 2)
        return luaL_error(L, "attempt to modify a read-only table");
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* load: text only, strings only, and always bound to a sandbox environment (the 5.4
 * load would bind the state's real globals). */
static int sb_load(lua_State *L) {
    size_t n;
    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_error(L, "load: only a string chunk is allowed");
    const char *src = lua_tolstring(L, 1, &n);
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (!strchr(mode, 't')) {
        luaL_pushfail(L);
        lua_pushliteral(L, "load: binary chunks are not allowed (mode must be \"t\")");
        return 2;
    }
    bool has_env = lua_gettop(L) >= 4;
    if (luaL_loadbufferx(L, src, n, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env)
        lua_pushvalue(L, 4);
    else
        pl_sandbox_push_env(L);
    if (!lua_setupvalue(L, -2, 1))
        lua_pop(L, 1);
    return 1;
}

static void log_append(pl_sandbox *s, const char *p, size_t n) {
    /* A cut appends "... (truncated)", which leaves the log at or over its cap, so
     * nothing more is added for this rule. */
    if (!s->log || s->log->len >= s->log_cap)
        return;
    char *clean = pl_text_clean(p, n, s->log_cap - s->log->len, NULL);
    pl_buf_puts(s->log, clean);
    free(clean);
}

/* print: to the running rule's bounded log (plimsoll --verbose), never to a stream. */
static int sb_print(lua_State *L) {
    pl_sandbox *s = sandbox_of(L);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *p = luaL_tolstring(L, i, &len); /* inside the rule's protected call */
        if (i > 1 && s->log && s->log->len < s->log_cap)
            pl_buf_puts(s->log, "\t");
        log_append(s, p, len);
        lua_pop(L, 1);
    }
    if (s->log && s->log->len < s->log_cap)
        pl_buf_puts(s->log, "\n");
    return 0;
}

static bool module_name_ok(const char *name, size_t n) {
    if (n == 0 || n > 200 || name[0] == '.' || name[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || (c == '.' && name[i + 1] != '.');
        if (!ok)
            return false;
    }
    return true;
}

/* The file behind a module name: "plimsoll.x" is the standard library's (and only
 * that: a bundle cannot replace it), anything else the bundle's own lib/x.lua. Leaves
 * the path it looked for on the stack. */
static const pl_bundle_file *module_file(lua_State *L, pl_sandbox *s, const char *name, size_t n,
                                         const char **root) {
    bool std = n > 9 && memcmp(name, "plimsoll.", 9) == 0;
    luaL_Buffer path;
    luaL_buffinit(L, &path);
    if (!std)
        luaL_addstring(&path, "lib/");
    for (size_t i = 0; i < n; i++)
        luaL_addchar(&path, name[i] == '.' ? '/' : name[i]);
    luaL_addstring(&path, ".lua");
    luaL_pushresult(&path);
    const char *p = lua_tostring(L, -1);
    const pl_bundle_file *files = std ? pl_stdlib : s->bundle ? s->bundle->files : NULL;
    size_t nfiles = std ? pl_stdlib_len : s->bundle ? s->bundle->nfiles : 0;
    *root = std ? "[plimsoll]" : s->bundle ? s->bundle->root : NULL;
    for (size_t i = 0; i < nfiles; i++)
        if (files[i].path && strcmp(files[i].path, p) == 0)
            return &files[i];
    return NULL;
}

/* require: the standard library's modules ("plimsoll.x") and Lua text from the bundle's
 * own lib/ ("x.y" -> lib/x/y.lua), run once per state in its own environment, cached,
 * and handed out read-only. */
static int sb_require(lua_State *L) {
    size_t n;
    const char *name = luaL_checklstring(L, 1, &n);
    if (!module_name_ok(name, n))
        return luaL_error(L, "require: bad module name '%s' (use letters, digits, _ - and dots)",
                          name);
    lua_settop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_libcache); /* 2 */
    lua_pushvalue(L, 1);
    lua_rawget(L, 2);
    if (lua_touserdata(L, -1) == &reg_loading)
        return luaL_error(L, "require: module '%s' requires itself (a loop)", name);
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1);

    pl_sandbox *s = sandbox_of(L);
    const char *root;
    const pl_bundle_file *f = module_file(L, s, name, n, &root); /* path at 3 */
    const char *p = lua_tostring(L, 3);
    if (!f && root && strcmp(root, "[plimsoll]") == 0)
        return luaL_error(L,
                          "require: '%s' is not a module of plimsoll's standard library "
                          "(rule API %d; see docs/stdlib.md)",
                          name, PL_RULE_API);
    if (!f)
        return luaL_error(L, "require: module '%s' not found (no %s in the bundle)", name, p);

    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)&reg_loading);
    lua_rawset(L, 2);
    const char *chunk = lua_pushfstring(L, "@%s%s%s", root && *root ? root : "",
                                        root && *root ? "/" : "", p); /* 4 */
    if (luaL_loadbufferx(L, f->data, f->len, chunk, "t") != LUA_OK)
        goto failed;
    pl_sandbox_push_env(L);
    lua_setupvalue(L, -2, 1);
    lua_pushvalue(L, 1);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK)
        goto failed;
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    } else if (lua_type(L, -1) == LUA_TTABLE) {
        pl_sandbox_protect(L, false);
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, 2);
    return 1;
failed:
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    lua_rawset(L, 2);
    return lua_error(L);
}

/* coroutine.create that arms the count hook on the new thread itself (5.4 copies the
 * creator's hook, but a coroutine must never depend on that). */
static int sb_co_create(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    pl_sandbox *s = sandbox_of(L);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_sethook(co, sb_hook, LUA_MASKCOUNT, (s->tripped || s->oom) ? 1 : s->step);
    return 1;
}

static void no_warnings(void *ud, const char *msg, int tocont) {
    (void)ud, (void)msg, (void)tocont;
}

/* ---- building the state ---------------------------------------------------------- */

static void copy_field(lua_State *L, int from, int to, const char *name) {
    from = lua_absindex(L, from);
    to = lua_absindex(L, to);
    lua_getfield(L, from, name);
    lua_setfield(L, to, name);
}

/* Replaces the value at the top, when it is a plain table, with a read-only proxy of it,
 * after doing the same to every plain table it holds. Proxies are left as they are. */
static void freeze_top(lua_State *L, int depth) {
    if (!lua_istable(L, -1))
        return;
    if (pl_sandbox_unproxy(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (depth > 32)
        luaL_error(L, "freeze: tables nested too deeply");
    luaL_checkstack(L, 6, "freeze");
    int t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_istable(L, -1)) {
            freeze_top(L, depth + 1);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, t); /* assigning an existing field during traversal is allowed */
        } else {
            lua_pop(L, 1);
        }
    }
    pl_sandbox_protect(L, true);
}

/* freeze(t): for the prelude only (never reachable from policies), so that what it
 * caches and shares between the rules of a bundle is as read-only as the input. */
static int sb_freeze(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    freeze_top(L, 0);
    return 1;
}

static void load_prelude(lua_State *L, int base) {
    /* The prelude's own environment reads the real base (unreachable by policies). */
    lua_createtable(L, 0, 0); /* penv */
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, base);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    int penv = lua_gettop(L);
    lua_createtable(L, 0, 16); /* P: what the prelude hands back */
    int P = lua_gettop(L);
    lua_pushcfunction(L, sb_freeze);
    lua_setfield(L, P, "freeze");
    lua_pushcfunction(L, pl_bridge_image_ref);
    lua_setfield(L, P, "image_ref");
    for (size_t i = 0; i < pl_prelude_len; i++) {
        const pl_bundle_file *f = &pl_prelude[i];
        if (!f->path)
            continue;
        const char *chunk = lua_pushfstring(L, "=prelude/%s", f->path);
        if (luaL_loadbufferx(L, f->data, f->len, chunk, "t") != LUA_OK)
            lua_error(L);
        lua_remove(L, -2);
        lua_pushvalue(L, penv);
        lua_setupvalue(L, -2, 1);
        lua_pushvalue(L, P);
        lua_call(L, 1, 0);
    }
    /* Install what the prelude built. */
    static const char *const fns[] = {"xpcall", "setmetatable", NULL};
    for (int i = 0; fns[i]; i++) {
        lua_getfield(L, P, fns[i]);
        if (lua_isfunction(L, -1))
            lua_setfield(L, base, fns[i]);
        else
            lua_pop(L, 1);
    }
    static const struct {
        const char *name;
        const char *key;
    } mts[] = {
        {"mt_dockerfile", &pl_reg_mt_dockerfile},
        {"mt_stage", &pl_reg_mt_stage},
        {"mt_instruction", &pl_reg_mt_instruction},
        {"mt_command", &pl_reg_mt_command},
        {"mt_image", &pl_reg_mt_image},
    };
    for (size_t i = 0; i < sizeof mts / sizeof mts[0]; i++) {
        if (lua_getfield(L, P, mts[i].name) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_createtable(L, 0, 1);
        }
        lua_rawsetp(L, LUA_REGISTRYINDEX, mts[i].key);
    }
    if (lua_getfield(L, P, "coroutine") == LUA_TTABLE) {
        pl_sandbox_protect(L, false);
        lua_setfield(L, base, "coroutine");
    } else {
        lua_pop(L, 1);
    }
    if (lua_getfield(L, P, "pl") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 0);
    }
    pl_sandbox_protect(L, false);
    lua_setfield(L, base, "pl");
    lua_settop(L, penv - 1);
}

static int setup(lua_State *L) {
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},
        {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table},
        {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},
        {LUA_COLIBNAME, luaopen_coroutine},
        {NULL, NULL},
    };
    for (const luaL_Reg *l = libs; l->func; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    int G = lua_gettop(L);

    lua_createtable(L, 0, 32); /* the base environment */
    int base = lua_gettop(L);
    static const char *const safe[] = {
        "assert", "error",    "getmetatable", "ipairs",       "pairs",
        "pcall",  "rawequal", "select",       "tonumber",     "tostring",
        "type",   "_VERSION", "xpcall",       "setmetatable", NULL};
    for (int i = 0; safe[i]; i++)
        copy_field(L, G, base, safe[i]);
    static const luaL_Reg mine[] = {
        {"next", sb_next}, {"rawget", sb_rawget}, {"rawlen", sb_rawlen},   {"rawset", sb_rawset},
        {"load", sb_load}, {"print", sb_print},   {"require", sb_require}, {NULL, NULL},
    };
    luaL_setfuncs(L, mine, 0);

    /* string: no dump; the shared string metatable is locked, and its __index (the
     * real string table) is unreachable: policies get a proxy. */
    lua_getfield(L, G, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    pl_sandbox_protect(L, false);
    lua_setfield(L, base, LUA_STRLIBNAME);

    /* math: deterministic random numbers (verdicts must not vary run to run), and no
     * randomseed, which would let one rule steer another's draws. */
    lua_getfield(L, G, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 0);
    lua_call(L, 1, 0);
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    pl_sandbox_protect(L, false);
    lua_setfield(L, base, LUA_MATHLIBNAME);

    lua_getfield(L, G, LUA_TABLIBNAME);
    pl_sandbox_protect(L, false);
    lua_setfield(L, base, LUA_TABLIBNAME);
    lua_getfield(L, G, LUA_UTF8LIBNAME);
    pl_sandbox_protect(L, false);
    lua_setfield(L, base, LUA_UTF8LIBNAME);

    /* coroutine: the prelude wraps close (bounded nesting) and wrap; create is ours. */
    lua_createtable(L, 0, 8);
    lua_getfield(L, G, LUA_COLIBNAME);
    static const char *const co[] = {"resume",  "yield", "status", "isyieldable",
                                     "running", "close", NULL};
    for (int i = 0; co[i]; i++)
        copy_field(L, -1, -2, co[i]);
    lua_pop(L, 1);
    lua_pushcfunction(L, sb_co_create);
    lua_setfield(L, -2, "create");
    lua_setfield(L, base, LUA_COLIBNAME); /* replaced by the prelude's protected one */

    lua_pushvalue(L, base);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_base);
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, base);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_env_mt);
    lua_createtable(L, 0, 4);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_libcache);

    /* The real globals keep dofile, loadfile, load, collectgarbage...: empty them, so
     * that nothing, even a chunk loaded without an environment, can reach those. */
    lua_pushnil(L);
    while (lua_next(L, G)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, G);
    }
    load_prelude(L, base);
    return 0;
}

pl_sandbox *pl_sandbox_new(const pl_limits *lim, const pl_bundle *b, pl_error *err) {
    pl_sandbox *s = calloc(1, sizeof *s);
    if (!s)
        pl_out_of_memory();
    s->mem_limit = lim->memory_bytes;
    s->bundle = b;
    s->L = lua_newstate(sb_alloc, s);
    if (!s->L) {
        free(s);
        pl_error_set(err, NULL, 0, 0,
                     "cannot create a Lua state within the memory limit of %zu bytes",
                     lim->memory_bytes);
        return NULL;
    }
    lua_setwarnf(s->L, no_warnings, NULL);
    pl_sandbox_arm(s, SETUP_INSTRUCTIONS); /* before any chunk is loaded */
    lua_pushcfunction(s->L, setup);
    if (lua_pcall(s->L, 0, 0, 0) != LUA_OK || pl_sandbox_spent(s)) {
        char *m = pl_sandbox_error_text(s->L, -1, 400);
        pl_error_set(err, NULL, 0, 0, "cannot set up the Lua sandbox%s: %s",
                     s->oom ? " within the memory limit" : "", m);
        free(m);
        pl_sandbox_free(s);
        return NULL;
    }
    lua_settop(s->L, 0);
    return s;
}

void pl_sandbox_free(pl_sandbox *s) {
    if (!s)
        return;
    if (s->L)
        lua_close(s->L);
    free(s);
}

/* ---- text from policies ----------------------------------------------------------- */

char *pl_text_clean(const char *s, size_t len, size_t max, bool *truncated) {
    pl_buf b;
    pl_buf_init(&b);
    bool cut = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        size_t n = 1;
        if (c == '\n')
            memcpy(esc, "\\n", n = 2);
        else if (c == '\t')
            memcpy(esc, "\\t", n = 2);
        else if (c == '\r')
            memcpy(esc, "\\r", n = 2);
        else if (c < 0x20 || c == 0x7f)
            n = (size_t)snprintf(esc, sizeof esc, "\\x%02x", c);
        else
            esc[0] = (char)c;
        if (b.len + n > max) {
            cut = true;
            break;
        }
        pl_buf_append(&b, esc, n);
    }
    if (cut) {
        /* do not leave half a UTF-8 sequence */
        while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0x80)
            b.len--;
        if (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0xC0)
            b.len--;
        pl_buf_puts(&b, "... (truncated)");
    }
    if (truncated)
        *truncated = cut;
    if (!b.data)
        pl_buf_append(&b, "", 0);
    char *out = pl_buf_take(&b);
    return out ? out : strdup("");
}

char *pl_sandbox_error_text(lua_State *L, int idx, size_t max) {
    int t = lua_type(L, idx);
    char tmp[96];
    if (t == LUA_TSTRING) {
        size_t n;
        const char *m = lua_tolstring(L, idx, &n);
        return pl_text_clean(m, n, max, NULL);
    }
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, idx))
            snprintf(tmp, sizeof tmp, "%lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(tmp, sizeof tmp, "%.14g", (double)lua_tonumber(L, idx));
    } else {
        snprintf(tmp, sizeof tmp, "(error object is a %s value)", lua_typename(L, t));
    }
    char *out = strdup(tmp);
    if (!out)
        pl_out_of_memory();
    return out;
}

int pl_message_line(const char *msg, const char *chunk_display) {
    size_t n = strlen(chunk_display);
    if (!msg || strncmp(msg, chunk_display, n) != 0 || msg[n] != ':')
        return 0;
    const char *p = msg + n + 1;
    int line = 0;
    while (*p >= '0' && *p <= '9' && line < 100000000)
        line = line * 10 + (*p++ - '0');
    return *p == ':' ? line : 0;
}
