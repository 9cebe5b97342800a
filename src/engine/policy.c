/* policy.c — bundles and rules: reading a bundle (from memory or a directory), loading
 * each rule file into the bundle's sandbox, validating what it returns, and rebuilding
 * the state after a rule has spent it.
 *
 * A rule file is compiled as text with the chunk name "@<root>/<path>" so every Lua
 * message names the policy file and line. Every problem becomes a pl_problem and the
 * other rules still load. Loading is deterministic, so a rebuild after a limit trip
 * yields the same rules in the same slots. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "engine_internal.h"

const char pl_reg_rules;

#define MAX_TITLE 512
#define MAX_HELP (64u * 1024u)
#define MAX_ALIASES 64
#define MAX_POLICY_FILE (4u << 20)

void pl_limits_default(pl_limits *l) {
    l->memory_bytes = (size_t)64 << 20;
    l->instructions = 50000000u;
    l->max_findings = 1000;
    l->max_message = 4096;
}

pl_engine *pl_engine_new(const pl_limits *limits) {
    pl_engine *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    if (limits)
        e->limits = *limits;
    else
        pl_limits_default(&e->limits);
    pl_limits d;
    pl_limits_default(&d);
    if (!e->limits.memory_bytes)
        e->limits.memory_bytes = d.memory_bytes;
    if (!e->limits.instructions)
        e->limits.instructions = d.instructions;
    if (!e->limits.max_findings)
        e->limits.max_findings = d.max_findings;
    if (!e->limits.max_message)
        e->limits.max_message = d.max_message;
    return e;
}

static void meta_free(pl_rule_meta *m) {
    free(m->id), free(m->title), free(m->input), free(m->help), free(m->bundle), free(m->file);
    for (size_t i = 0; i < m->naliases; i++)
        free(m->aliases[i]);
    free(m->aliases);
    memset(m, 0, sizeof *m);
}

static void bundle_free(pl_bundle *b) {
    pl_sandbox_free(b->sb);
    for (size_t i = 0; i < b->nfiles; i++)
        free((char *)b->files[i].path), free((char *)b->files[i].data);
    free(b->files);
    free(b->rejected);
    for (size_t i = 0; i < b->nrules; i++) {
        meta_free(&b->rules[i]->meta);
        pl_buf_free(&b->rules[i]->log);
        free(b->rules[i]);
    }
    free(b->rules);
    free(b->name), free(b->root);
    free(b);
}

void pl_engine_free(pl_engine *e) {
    if (!e)
        return;
    for (size_t i = 0; i < e->nbundles; i++)
        bundle_free(e->bundles[i]);
    free(e->bundles);
    free(e->rules);
    free(e);
}

size_t pl_engine_rule_count(const pl_engine *e) { return e->nrules; }

const pl_rule_meta *pl_engine_rule(const pl_engine *e, size_t i) {
    return i < e->nrules ? &e->rules[i]->meta : NULL;
}

const char *pl_engine_rule_log(const pl_engine *e, size_t i) {
    if (i >= e->nrules || !e->rules[i]->log.data)
        return "";
    return e->rules[i]->log.data;
}

int pl_engine_select(pl_engine *e, const char *const *ids, size_t n, pl_error *err) {
    if (!ids) {
        for (size_t i = 0; i < e->nrules; i++)
            e->rules[i]->selected = true;
        return 0;
    }
    for (size_t k = 0; k < n; k++) {
        bool found = false;
        for (size_t i = 0; i < e->nrules && !found; i++) {
            const pl_rule_meta *m = &e->rules[i]->meta;
            found = strcmp(m->id, ids[k]) == 0;
            for (size_t a = 0; a < m->naliases && !found; a++)
                found = strcmp(m->aliases[a], ids[k]) == 0;
        }
        if (!found)
            return pl_error_set(err, NULL, 0, 0,
                                "unknown rule '%s' (plimsoll rules lists the rule ids)", ids[k]);
    }
    for (size_t i = 0; i < e->nrules; i++) {
        const pl_rule_meta *m = &e->rules[i]->meta;
        bool sel = false;
        for (size_t k = 0; k < n && !sel; k++) {
            sel = strcmp(m->id, ids[k]) == 0;
            for (size_t a = 0; a < m->naliases && !sel; a++)
                sel = strcmp(m->aliases[a], ids[k]) == 0;
        }
        e->rules[i]->selected = sel;
    }
    return 0;
}

char *pl_bundle_display(const pl_bundle *b, const char *path) {
    pl_buf out;
    pl_buf_init(&out);
    if (b->root && *b->root) {
        pl_buf_puts(&out, b->root);
        if (out.data[out.len - 1] != '/')
            pl_buf_puts(&out, "/");
    }
    pl_buf_puts(&out, path);
    return pl_buf_take(&out);
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_rule_path(const char *p) {
    return ends_with(p, ".lua") && strncmp(p, "lib/", 4) != 0 && strncmp(p, "tests/", 6) != 0 &&
           !ends_with(p, "_test.lua");
}

static char *rule_id(const char *name, const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base) - 4; /* ".lua" */
    pl_buf out;
    pl_buf_init(&out);
    if (name) {
        pl_buf_puts(&out, name);
        pl_buf_puts(&out, "/");
    }
    pl_buf_append(&out, base, n);
    return pl_buf_take(&out);
}

/* ---- validating what a rule file returns ----------------------------------------- */

typedef struct meta_tmp {
    pl_rule_meta m;
    pl_buf issues;
} meta_tmp;

static void issue(meta_tmp *t, const char *msg) {
    if (t->issues.len)
        pl_buf_puts(&t->issues, "; ");
    pl_buf_puts(&t->issues, msg);
}

static char *dup_clean(lua_State *L, int idx, size_t max) {
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    return pl_text_clean(s, n, max, NULL);
}

/* Runs protected (fields may have metamethods): reads the table at 1 into the meta_tmp
 * at 2, records every issue, and leaves check at the top when there is one. */
static int validate(lua_State *L) {
    meta_tmp *t = lua_touserdata(L, 2);
    if (!lua_istable(L, 1))
        return luaL_error(L, "the rule file must return a table, not a %s value",
                          luaL_typename(L, 1));
    lua_settop(L, 2);
    if (lua_getfield(L, 1, "title") == LUA_TSTRING && lua_rawlen(L, -1) > 0)
        t->m.title = dup_clean(L, -1, MAX_TITLE);
    else
        issue(t, "missing title (a non-empty string)");
    lua_pop(L, 1);

    if (lua_getfield(L, 1, "severity") == LUA_TSTRING &&
        pl_severity_parse(lua_tostring(L, -1), &t->m.severity) == 0) {
    } else if (lua_isnil(L, -1)) {
        issue(t, "missing severity (critical, high, medium, low or info)");
    } else {
        char *s = lua_type(L, -1) == LUA_TSTRING ? dup_clean(L, -1, 40) : NULL;
        char msg[160];
        snprintf(msg, sizeof msg, "unknown severity '%s' (use critical, high, medium, low or info)",
                 s ? s : luaL_typename(L, -1));
        free(s);
        issue(t, msg);
    }
    lua_pop(L, 1);

    if (lua_getfield(L, 1, "input") == LUA_TSTRING &&
        (strcmp(lua_tostring(L, -1), "dockerfile") == 0 || strcmp(lua_tostring(L, -1), "image") == 0)) {
        t->m.input = strdup(lua_tostring(L, -1));
    } else if (lua_isnil(L, -1)) {
        issue(t, "missing input (\"dockerfile\" or \"image\")");
    } else {
        char *s = lua_type(L, -1) == LUA_TSTRING ? dup_clean(L, -1, 40) : NULL;
        char msg[160];
        snprintf(msg, sizeof msg, "unknown input '%s' (use \"dockerfile\" or \"image\")",
                 s ? s : luaL_typename(L, -1));
        free(s);
        issue(t, msg);
    }
    lua_pop(L, 1);

    int ht = lua_getfield(L, 1, "help");
    if (ht == LUA_TSTRING) {
        size_t n;
        const char *h = lua_tolstring(L, -1, &n);
        t->m.help = strndup(h, n < MAX_HELP ? n : MAX_HELP);
    } else if (ht != LUA_TNIL) {
        issue(t, "help must be a string (Markdown)");
    }
    lua_pop(L, 1);

    int at = lua_getfield(L, 1, "aliases");
    if (at == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, -1);
        if (n > MAX_ALIASES) {
            issue(t, "too many aliases (at most 64)");
            n = 0;
        }
        t->m.aliases = calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_geti(L, -1, i) == LUA_TSTRING && lua_rawlen(L, -1) > 0) {
                t->m.aliases[t->m.naliases++] = dup_clean(L, -1, 128);
            } else {
                char msg[96];
                snprintf(msg, sizeof msg, "alias %lld is not a string", (long long)i);
                issue(t, msg);
            }
            lua_pop(L, 1);
        }
    } else if (at != LUA_TNIL) {
        issue(t, "aliases must be a list of strings");
    }
    lua_pop(L, 1);

    if (lua_getfield(L, 1, "check") != LUA_TFUNCTION) {
        issue(t, lua_isnil(L, -1) ? "missing check function" : "check must be a function");
        lua_pop(L, 1);
        lua_pushnil(L);
    }
    return 1;
}

/* ---- loading --------------------------------------------------------------------- */

static void problem(pl_results *res, const char *path, int line, const char *rule,
                    const char *fmt, const char *detail) {
    if (!res)
        return;
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_printf(&b, fmt, detail);
    pl_results_add_problem(res, path, line, 0, rule, b.data);
    pl_buf_free(&b);
}

static pl_rule *find_rule(pl_bundle *b, size_t file) {
    for (size_t i = 0; i < b->nrules; i++)
        if (b->rules[i]->file == file)
            return b->rules[i];
    return NULL;
}

static const pl_rule *find_id(const pl_engine *e, const char *id) {
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i]->meta.id, id) == 0)
            return e->rules[i];
    return NULL;
}

static void add_rule(pl_bundle *b, pl_rule *r) {
    b->rules = realloc(b->rules, (b->nrules + 1) * sizeof *b->rules);
    pl_engine *e = b->engine;
    e->rules = realloc(e->rules, (e->nrules + 1) * sizeof *e->rules);
    if (!b->rules || !e->rules)
        abort();
    b->rules[b->nrules++] = r;
    r->index = e->nrules;
    e->rules[e->nrules++] = r;
}

/* Loads file i into the state. Returns 1 when the state got spent (rebuild needed). */
static int load_rule(pl_bundle *b, size_t i, int *slot, pl_results *res) {
    pl_sandbox *sb = b->sb;
    lua_State *L = sb->L;
    const pl_limits *lim = &b->engine->limits;
    const pl_bundle_file *f = &b->files[i];
    char *display = pl_bundle_display(b, f->path);
    char *id = rule_id(b->name, f->path);
    bool first = !b->built && !find_rule(b, i); /* a retry of the first build reloads */
    int spent = 0;
    int top = lua_gettop(L);
    meta_tmp t;
    memset(&t, 0, sizeof t);
    pl_buf_init(&t.issues);

    pl_sandbox_arm(sb, lim->instructions);
    lua_pushfstring(L, "@%s", display);
    int st = luaL_loadbufferx(L, f->data, f->len, lua_tostring(L, -1), "t");
    if (st == LUA_OK) {
        pl_sandbox_push_env(L);
        lua_setupvalue(L, -2, 1);
        st = lua_pcall(L, 0, 1, 0);
        if (st == LUA_OK && !pl_sandbox_spent(sb)) {
            lua_pushcfunction(L, validate);
            lua_insert(L, -2);
            lua_pushlightuserdata(L, &t);
            st = lua_pcall(L, 2, 1, 0);
        }
    }
    if (pl_sandbox_spent(sb)) {
        spent = 1;
        char msg[128];
        if (sb->tripped)
            snprintf(msg, sizeof msg, "instruction limit of %llu exceeded",
                     (unsigned long long)lim->instructions);
        else
            snprintf(msg, sizeof msg, "memory limit of %zu bytes exceeded", lim->memory_bytes);
        if (first)
            problem(res, display, 0, id, "the rule did not load: %s", msg);
        b->rejected[i] = true;
    } else if (st != LUA_OK) {
        char *m = pl_sandbox_error_text(L, -1, 1024);
        if (first)
            problem(res, display, pl_message_line(m, display), id, "the rule did not load: %s", m);
        free(m);
        b->rejected[i] = true;
    } else if (t.issues.len) {
        if (first)
            problem(res, display, 0, id, "bad rule metadata: %s", t.issues.data);
        b->rejected[i] = true;
    } else if (first) {
        const pl_rule *dup = find_id(b->engine, id);
        if (dup) {
            pl_buf m;
            pl_buf_init(&m);
            pl_buf_printf(&m, "duplicate rule id '%s' (already loaded from %s)", id, dup->meta.file);
            pl_results_add_problem(res, display, 0, 0, id, m.data);
            pl_buf_free(&m);
            b->rejected[i] = true;
        } else {
            pl_rule *r = calloc(1, sizeof *r);
            if (!r)
                abort();
            r->meta = t.m;
            memset(&t.m, 0, sizeof t.m);
            r->meta.id = id;
            id = NULL;
            r->meta.bundle = strdup(b->name ? b->name : "builtin");
            r->meta.file = display;
            display = NULL;
            r->bundle = b;
            r->file = i;
            r->selected = true;
            pl_buf_init(&r->log);
            lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_rules);
            lua_pushvalue(L, -2);
            lua_rawseti(L, -2, ++*slot);
            r->slot = *slot;
            add_rule(b, r);
        }
    } else {
        pl_rule *r = find_rule(b, i);
        if (r) {
            lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_rules);
            lua_pushvalue(L, -2);
            lua_rawseti(L, -2, ++*slot);
            r->slot = *slot;
        }
    }
    lua_settop(L, top);
    meta_free(&t.m);
    pl_buf_free(&t.issues);
    free(display);
    free(id);
    return spent;
}

int pl_bundle_build(pl_bundle *b, pl_results *res) {
    for (;;) {
        pl_sandbox_free(b->sb);
        b->sb = NULL;
        for (size_t i = 0; i < b->nrules; i++)
            b->rules[i]->slot = 0;
        pl_error err;
        memset(&err, 0, sizeof err);
        b->sb = pl_sandbox_new(&b->engine->limits, b, &err);
        if (!b->sb) {
            if (!b->built && res)
                pl_results_add_problem(res, b->root, 0, 0, NULL, err.message);
            b->built = true;
            return -1;
        }
        lua_State *L = b->sb->L;
        lua_createtable(L, 16, 0);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &pl_reg_rules);
        int slot = 0;
        bool again = false;
        for (size_t i = 0; i < b->nfiles && !again; i++) {
            if (b->rejected[i] || !is_rule_path(b->files[i].path))
                continue;
            again = load_rule(b, i, &slot, res) != 0;
        }
        if (!again) {
            b->built = true;
            return 0;
        }
        /* a rule spent the state while loading: it is rejected now; start over */
    }
}

static int cmp_file(const void *pa, const void *pb) {
    const pl_bundle_file *a = pa, *b = pb;
    return strcmp(a->path, b->path);
}

int pl_engine_add_bundle(pl_engine *e, const char *name, const char *root,
                         const pl_bundle_file *files, size_t nfiles, pl_results *res) {
    size_t before = res ? res->nproblems : 0;
    pl_bundle *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    b->engine = e;
    b->name = name ? strdup(name) : NULL;
    b->root = strdup(root ? root : "");
    b->files = calloc(nfiles ? nfiles : 1, sizeof *b->files);
    b->rejected = calloc(nfiles ? nfiles : 1, sizeof *b->rejected);
    if (!b->files || !b->rejected || !b->root)
        abort();
    for (size_t i = 0; i < nfiles; i++) {
        if (!files[i].path || !files[i].data)
            continue;
        char *d = malloc(files[i].len + 1);
        if (!d)
            abort();
        memcpy(d, files[i].data, files[i].len);
        d[files[i].len] = 0;
        b->files[b->nfiles].path = strdup(files[i].path);
        b->files[b->nfiles].data = d;
        b->files[b->nfiles].len = files[i].len;
        b->nfiles++;
    }
    qsort(b->files, b->nfiles, sizeof *b->files, cmp_file);
    e->bundles = realloc(e->bundles, (e->nbundles + 1) * sizeof *e->bundles);
    if (!e->bundles)
        abort();
    e->bundles[e->nbundles++] = b;
    pl_bundle_build(b, res);
    return res ? (int)(res->nproblems - before) : 0;
}

/* ---- bundles from directories --------------------------------------------------- */

typedef struct file_list {
    pl_bundle_file *items;
    size_t n, cap;
} file_list;

static int walk(const char *dir, const char *rel, int depth, file_list *out, pl_arena *a,
                pl_results *res) {
    if (depth > 16)
        return 0;
    DIR *d = opendir(dir);
    if (!d) {
        if (res)
            pl_results_add_problem(res, dir, 0, 0, NULL, "cannot read the policy directory");
        return -1;
    }
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        char *full = pl_arena_printf(a, "%s/%s", dir, ent->d_name);
        char *r = *rel ? pl_arena_printf(a, "%s/%s", rel, ent->d_name) : pl_arena_strdup(a, ent->d_name);
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (strcmp(r, "tests") != 0)
                walk(full, r, depth + 1, out, a, res);
        } else if (S_ISREG(st.st_mode) && ends_with(ent->d_name, ".lua")) {
            char *data;
            size_t len;
            pl_error err;
            if (pl_file_read(a, full, MAX_POLICY_FILE, &data, &len, &err) != 0) {
                if (res)
                    pl_results_add_problem(res, full, 0, 0, NULL, err.message);
                continue;
            }
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 32;
                out->items = realloc(out->items, out->cap * sizeof *out->items);
                if (!out->items)
                    abort();
            }
            out->items[out->n++] = (pl_bundle_file){r, data, len};
        }
    }
    closedir(d);
    return 0;
}

int pl_engine_add_bundle_dir(pl_engine *e, const char *name, const char *dir, pl_results *res) {
    size_t before = res ? res->nproblems : 0;
    pl_arena a;
    pl_arena_init(&a);
    file_list fl = {0};
    size_t n = strlen(dir);
    char *root = pl_arena_strndup(&a, dir, n);
    while (n > 1 && root[n - 1] == '/')
        root[--n] = 0;
    if (walk(root, "", 0, &fl, &a, res) == 0)
        pl_engine_add_bundle(e, name, root, fl.items, fl.n, res);
    free(fl.items);
    pl_arena_free(&a);
    return res ? (int)(res->nproblems - before) : 0;
}
