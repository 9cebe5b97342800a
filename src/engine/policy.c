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

#include <jansson.h>
#include <lauxlib.h>

#include "engine_internal.h"
#include "plimsoll/worker.h"

const char pl_reg_rules;
const char pl_reg_params;

#define MAX_TITLE 512
#define MAX_HELP (64u * 1024u)
#define MAX_ALIASES 64
#define MAX_POLICY_FILE (4u << 20)
#define MAX_PARAMS 64
#define MAX_PARAM_LIST 4096
#define MAX_FIXTURE (256 * 1024)

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
    for (size_t i = 0; i < m->nparams; i++)
        free(m->params[i].name), free(m->params[i].type), free(m->params[i].description),
            free(m->params[i].default_json), free(m->params[i].value_json);
    free(m->params);
    free(m->preset);
    memset(m, 0, sizeof *m);
}

static void values_free(json_t **v, size_t n) {
    for (size_t i = 0; v && i < n; i++)
        json_decref(v[i]);
    free(v);
}

static void bundle_free(pl_bundle *b) {
    pl_sandbox_free(b->sb);
    for (size_t i = 0; i < b->nfiles; i++)
        free((char *)b->files[i].path), free((char *)b->files[i].data);
    free(b->files);
    free(b->rejected);
    for (size_t i = 0; i < b->nrules; i++) {
        values_free(b->rules[i]->values, b->rules[i]->meta.nparams);
        free(b->rules[i]->skip_reason);
        meta_free(&b->rules[i]->meta);
        pl_buf_free(&b->rules[i]->log);
        free(b->rules[i]);
    }
    free(b->rules);
    free(b->name), free(b->root), free(b->real);
    free(b);
}

void pl_engine_free(pl_engine *e) {
    if (!e)
        return;
    for (size_t i = 0; i < e->nbundles; i++)
        bundle_free(e->bundles[i]);
    free(e->bundles);
    free(e->rules);
    free(e->trace_id);
    pl_buf_free(&e->trace);
    free(e);
}

size_t pl_engine_rule_count(const pl_engine *e) {
    return e->nrules;
}

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
        if (!found) {
            const char *near = pl_engine_suggest_rule(e, ids[k]);
            return pl_error_set(err, NULL, 0, 0,
                                "unknown rule '%s'%s%s%s (plimsoll rules lists "
                                "the rule ids)",
                                ids[k], near ? "; did you mean '" : "", near ? near : "",
                                near ? "'?" : "");
        }
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

/* A misspelt field, kept apart from the other issues so it can be reported at its own
 * line: "unknown field 'sevrity'; did you mean 'severity'?". */
typedef struct meta_unknown {
    char *name; /* cleaned and cut, for messages and for finding its line */
    char *message;
} meta_unknown;

typedef struct meta_tmp {
    pl_rule_meta m;
    json_t **values; /* parallel to m.params */
    pl_buf issues;
    meta_unknown *unknown;
    size_t nunknown;
} meta_tmp;

/* Every field a rule file's table may have; anything else is a typo of one of them, or
 * of nothing, and is refused rather than silently ignored. */
static const char *const meta_fields[] = {"title",  "severity", "input", "help", "aliases",
                                          "preset", "params",   "check", NULL};
static const char *const param_fields[] = {"type", "default", "description", NULL};

static bool known_name(const char *const *names, const char *s) {
    for (size_t i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return true;
    return false;
}

static void unknown_field(meta_tmp *t, const char *prefix, const char *key, size_t klen,
                          const char *const *known) {
    char hint[200];
    char *name = pl_text_clean(key, klen, 64, NULL);
    pl_suggest_hint(hint, sizeof hint, name, known);
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_printf(&b, "unknown field '%s%s'; %s", prefix, name, hint);
    t->unknown = realloc(t->unknown, (t->nunknown + 1) * sizeof *t->unknown);
    if (!t->unknown)
        abort();
    t->unknown[t->nunknown++] = (meta_unknown){name, pl_buf_take(&b)};
}

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

static const char *const param_types[] = {"string", "number", "integer", "boolean", "list", NULL};

static bool param_type_ok(const char *t) {
    for (size_t i = 0; param_types[i]; i++)
        if (strcmp(t, param_types[i]) == 0)
            return true;
    return false;
}

static bool param_name_ok(const char *s, size_t n) {
    if (n == 0 || n > 64 ||
        !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* The Lua value at idx as JSON of the declared type, or NULL when it is not of that type. */
static json_t *lua_to_param(lua_State *L, int idx, const char *type) {
    idx = lua_absindex(L, idx);
    if (strcmp(type, "string") == 0) {
        size_t n = 0;
        const char *str = lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, &n) : NULL;
        return str ? json_stringn(str, n) : NULL;
    }
    if (strcmp(type, "boolean") == 0)
        return lua_isboolean(L, idx) ? json_boolean(lua_toboolean(L, idx)) : NULL;
    if (strcmp(type, "integer") == 0)
        return lua_isinteger(L, idx) ? json_integer((json_int_t)lua_tointeger(L, idx)) : NULL;
    if (strcmp(type, "number") == 0) {
        if (lua_isinteger(L, idx))
            return json_integer((json_int_t)lua_tointeger(L, idx));
        return lua_type(L, idx) == LUA_TNUMBER ? json_real(lua_tonumber(L, idx)) : NULL;
    }
    /* list: a sequence of strings and nothing else */
    if (lua_type(L, idx) != LUA_TTABLE)
        return NULL;
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    if (n > MAX_PARAM_LIST)
        return NULL;
    lua_Integer keys = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        keys++;
        lua_pop(L, 1);
    }
    if (keys != n)
        return NULL;
    json_t *arr = json_array();
    for (lua_Integer i = 1; i <= n; i++) {
        size_t len = 0;
        json_t *item = NULL;
        if (lua_rawgeti(L, idx, i) == LUA_TSTRING) {
            const char *str = lua_tolstring(L, -1, &len);
            item = json_stringn(str, len);
        }
        lua_pop(L, 1);
        if (!item || json_array_append_new(arr, item) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static char *json_text(const json_t *v) {
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!s)
        abort();
    return s;
}

/* Reads one entry of params: key at -2, spec at -1 (left on the stack). */
static void read_param(lua_State *L, meta_tmp *t) {
    char msg[200];
    size_t klen = 0;
    const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &klen) : NULL;
    if (!key || !param_name_ok(key, klen)) {
        issue(t, "params: each key must be a parameter name (letters, digits, _)");
        return;
    }
    const char *name = lua_tostring(L, -2);
    if (lua_type(L, -1) != LUA_TTABLE) {
        snprintf(msg, sizeof msg, "params.%s must be a table { type =, default =, description = }",
                 name);
        issue(t, msg);
        return;
    }
    int spec = lua_absindex(L, -1);
    lua_pushnil(L);
    while (lua_next(L, spec)) {
        lua_pop(L, 1);
        size_t kn = 0;
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &kn) : NULL;
        if (!k) {
            snprintf(msg, sizeof msg,
                     "params.%s: fields are named (type =, default =, "
                     "description =), not positional",
                     name);
            issue(t, msg);
        } else if (!known_name(param_fields, k)) {
            char prefix[80];
            snprintf(prefix, sizeof prefix, "params.%s.", name);
            unknown_field(t, prefix, k, kn, param_fields);
        }
    }
    const char *type = NULL;
    lua_getfield(L, spec, "type");
    if (lua_type(L, -1) == LUA_TSTRING && param_type_ok(lua_tostring(L, -1))) {
        type = lua_tostring(L, -1);
    } else {
        snprintf(msg, sizeof msg,
                 "params.%s: type must be \"string\", \"number\", \"integer\", "
                 "\"boolean\" or \"list\"",
                 name);
        issue(t, msg);
    }
    lua_getfield(L, spec, "description");
    if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
        snprintf(msg, sizeof msg, "params.%s: missing description (a non-empty string)", name);
        issue(t, msg);
        lua_pop(L, 3);
        return;
    }
    if (!type) {
        lua_pop(L, 3);
        return;
    }
    lua_getfield(L, spec, "default");
    json_t *def = lua_isnil(L, -1) ? NULL : lua_to_param(L, -1, type);
    if (!def) {
        if (lua_isnil(L, -1))
            snprintf(msg, sizeof msg, "params.%s: missing default (of type %s)", name, type);
        else
            snprintf(msg, sizeof msg, "params.%s: the default (a %s value) is not of type %s%s",
                     name, luaL_typename(L, -1), type,
                     strcmp(type, "list") == 0 ? " (a sequence of UTF-8 strings)" : "");
        issue(t, msg);
        lua_pop(L, 4);
        return;
    }
    size_t n = t->m.nparams;
    t->m.params = realloc(t->m.params, (n + 1) * sizeof *t->m.params);
    t->values = realloc(t->values, (n + 1) * sizeof *t->values);
    if (!t->m.params || !t->values)
        abort();
    t->values[n] = def;
    pl_param_meta *p = &t->m.params[n];
    memset(p, 0, sizeof *p);
    t->m.nparams = n + 1;
    p->name = strdup(name);
    p->type = strdup(type);
    p->description = dup_clean(L, -2, 1024);
    p->default_json = json_text(def);
    p->value_json = json_text(def);
    lua_pop(L, 4);
}

static int cmp_param(const void *pa, const void *pb) {
    const pl_param_meta *a = pa, *b = pb;
    return strcmp(a->name, b->name);
}

/* Sorts params by name (lua_next order is not stable across states) with their values. */
static void sort_params(meta_tmp *t) {
    size_t n = t->m.nparams;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp_param(&t->m.params[j - 1], &t->m.params[j]) > 0; j--) {
            pl_param_meta pm = t->m.params[j];
            t->m.params[j] = t->m.params[j - 1];
            t->m.params[j - 1] = pm;
            json_t *v = t->values[j];
            t->values[j] = t->values[j - 1];
            t->values[j - 1] = v;
        }
}

/* Runs protected (fields may have metamethods): reads the table at 1 into the meta_tmp
 * at 2, records every issue, and leaves check at the top when there is one. */
static int validate(lua_State *L) {
    meta_tmp *t = lua_touserdata(L, 2);
    if (!lua_istable(L, 1))
        return luaL_error(L, "the rule file must return a table, not a %s value",
                          luaL_typename(L, 1));
    lua_settop(L, 2);
    bool positional = false;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        size_t kn = 0;
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &kn) : NULL;
        if (!k)
            positional = true;
        else if (!known_name(meta_fields, k))
            unknown_field(t, "", k, kn, meta_fields);
    }
    if (positional)
        issue(t, "the rule's fields are named (title =, check = ...); it has a value without "
                 "a name");
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
        (strcmp(lua_tostring(L, -1), "dockerfile") == 0 ||
         strcmp(lua_tostring(L, -1), "image") == 0)) {
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

    int pt = lua_getfield(L, 1, "preset");
    if (pt == LUA_TNIL) {
        t->m.preset = strdup("default");
    } else if (pt == LUA_TSTRING && (strcmp(lua_tostring(L, -1), "default") == 0 ||
                                     strcmp(lua_tostring(L, -1), "strict") == 0)) {
        t->m.preset = strdup(lua_tostring(L, -1));
    } else {
        issue(t, "preset must be \"default\" or \"strict\"");
    }
    lua_pop(L, 1);

    int prt = lua_getfield(L, 1, "params");
    if (prt == LUA_TTABLE) {
        int params = lua_gettop(L);
        size_t count = 0;
        lua_pushnil(L);
        while (lua_next(L, params)) {
            if (++count > MAX_PARAMS) {
                issue(t, "too many params (at most 64)");
                lua_pop(L, 2);
                break;
            }
            read_param(L, t);
            lua_settop(L, params + 1); /* the key, for lua_next */
        }
        sort_params(t);
    } else if (prt != LUA_TNIL) {
        issue(t, "params must be a table of { type =, default =, description = } by name");
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

static void problem(pl_results *res, const char *path, int line, const char *rule, const char *fmt,
                    const char *detail) {
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

/* The line of the rule file's top-level `return` (the table whose metadata is wrong), so
 * a metadata problem points somewhere an editor can jump to; 0 when not found. */
static int return_line(const char *text, size_t len) {
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (i == 0 || text[i - 1] == '\n') {
            size_t j = i;
            while (j < len && (text[j] == ' ' || text[j] == '\t'))
                j++;
            if (len - j >= 6 && memcmp(text + j, "return", 6) == 0 &&
                (j + 6 == len || text[j + 6] == ' ' || text[j + 6] == '{' || text[j + 6] == '\n'))
                return line;
        }
        if (text[i] == '\n')
            line++;
    }
    return 0;
}

static bool ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Where a field named key is set in the rule's text (`key =` or `["key"] =`), so an
 * unknown field is reported at its own line and column; false when it cannot be found
 * (a computed table), and the caller falls back to the `return`. Lua tables keep no
 * positions, so this is a search, and the first assignment-like match wins. */
static bool field_position(const char *text, size_t len, const char *key, int *line, int *col) {
    size_t k = strlen(key);
    if (k == 0)
        return false;
    int ln = 1;
    size_t bol = 0;
    for (size_t i = 0; i + k <= len; i++) {
        if (text[i] == '\n') {
            ln++;
            bol = i + 1;
            continue;
        }
        if (memcmp(text + i, key, k) != 0)
            continue;
        size_t j = i + k;
        bool bracket = i >= 2 && (text[i - 1] == '"' || text[i - 1] == '\'') &&
                       text[i - 2] == '[' && j + 1 < len && text[j] == text[i - 1] &&
                       text[j + 1] == ']';
        if (bracket)
            j += 2;
        else if ((i > 0 && ident_char(text[i - 1])) || (j < len && ident_char(text[j])))
            continue;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (j < len && text[j] == '=' && (j + 1 >= len || text[j + 1] != '=')) {
            *line = ln;
            *col = (int)(i - bol) + 1 - (bracket ? 2 : 0);
            return true;
        }
    }
    return false;
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
    } else if (t.issues.len || t.nunknown) {
        /* a misspelt field would otherwise be ignored (sevrity = "low" leaves the severity
         * unset, parms = {...} leaves the rule without parameters): the rule does not load */
        for (size_t u = 0; first && u < t.nunknown; u++) {
            int line = 0, col = 0;
            if (!field_position(f->data, f->len, t.unknown[u].name, &line, &col))
                line = return_line(f->data, f->len), col = 0;
            pl_buf m;
            pl_buf_init(&m);
            pl_buf_printf(&m, "bad rule metadata: %s", t.unknown[u].message);
            if (res)
                pl_results_add_problem(res, display, line, col, id, m.data);
            pl_buf_free(&m);
        }
        if (first && t.issues.len)
            problem(res, display, return_line(f->data, f->len), id, "bad rule metadata: %s",
                    t.issues.data);
        b->rejected[i] = true;
    } else if (first) {
        const pl_rule *dup = find_id(b->engine, id);
        if (dup) {
            pl_buf m;
            pl_buf_init(&m);
            pl_buf_printf(&m, "duplicate rule id '%s' (already loaded from %s)", id,
                          dup->meta.file);
            pl_results_add_problem(res, display, 0, 0, id, m.data);
            pl_buf_free(&m);
            b->rejected[i] = true;
        } else {
            pl_rule *r = calloc(1, sizeof *r);
            if (!r)
                abort();
            r->meta = t.m;
            r->values = t.values;
            t.values = NULL;
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
    values_free(t.values, t.m.nparams);
    meta_free(&t.m);
    pl_buf_free(&t.issues);
    for (size_t u = 0; u < t.nunknown; u++)
        free(t.unknown[u].name), free(t.unknown[u].message);
    free(t.unknown);
    free(display);
    free(id);
    return spent;
}

/* A rule's id is its file name, so the name must follow the id grammar: a file
 * `Bad Name!.lua` would otherwise become a rule no configuration or suppression can name
 * reliably. Checked before the file runs; a bad name is a problem with a suggestion. */
static bool rule_name_ok(pl_bundle *b, size_t i, pl_results *res) {
    const char *path = b->files[i].path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base) - 4; /* ".lua" */
    bool reserved = n == strlen(PL_RESERVED_RULE_ID) && memcmp(base, PL_RESERVED_RULE_ID, n) == 0;
    if (pl_name_ok(base, n) && !reserved)
        return true;
    if (res) {
        char *display = pl_bundle_display(b, path);
        pl_buf m;
        pl_buf_init(&m);
        if (reserved) {
            pl_buf_puts(&m, "the rule id '" PL_RESERVED_RULE_ID "' is reserved (suppressions read "
                            "it as every rule); rename the file");
        } else {
            /* the nearest valid name: lowercase, every run of other bytes one hyphen */
            pl_buf fix;
            pl_buf_init(&fix);
            for (size_t k = 0; k < n && fix.len < 64; k++) {
                char c = base[k];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c - 'A' + 'a');
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                    pl_buf_append(&fix, &c, 1);
                else if (fix.len && fix.data[fix.len - 1] != '-')
                    pl_buf_puts(&fix, "-");
            }
            while (fix.len && fix.data[fix.len - 1] == '-')
                fix.data[--fix.len] = 0;
            char *shown = pl_text_clean(base, n, 80, NULL);
            pl_buf_printf(&m,
                          "'%s' is not a valid rule id (the file name is the id): use "
                          "lowercase letters, digits and single hyphens",
                          shown);
            if (fix.len)
                pl_buf_printf(&m, ", e.g. %s.lua", fix.data);
            free(shown);
            pl_buf_free(&fix);
        }
        pl_results_add_problem(res, display, 0, 0, NULL, m.data);
        pl_buf_free(&m);
        free(display);
    }
    return false;
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
        lua_createtable(L, 16, 0);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &pl_reg_params);
        int slot = 0;
        bool again = false;
        for (size_t i = 0; i < b->nfiles && !again; i++) {
            if (b->rejected[i] || !is_rule_path(b->files[i].path))
                continue;
            if (!b->built && !rule_name_ok(b, i, res)) {
                b->rejected[i] = true;
                continue;
            }
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

void pl_engine_set_load_deadline(pl_engine *e, unsigned ms) {
    e->load_deadline_ms = ms;
}

/* In the worker: load the bundle as the parent is about to; only the time counts. */
static void preflight_build(pl_engine *e, void *ud, pl_buf *out) {
    (void)e, (void)out;
    pl_bundle_build(ud, NULL);
}

/* Loads bundle b (the last of e's) once in a confined worker under the load deadline.
 * False, with a problem, when it did not finish in time or killed its worker: then the
 * parent never runs its code. */
static bool preflight(pl_engine *e, pl_bundle *b, pl_results *res) {
    pl_pool_opts o = {.jobs = 1, .timeout_ms = e->load_deadline_ms};
    pl_buf out;
    pl_buf_init(&out);
    pl_error err = {0};
    int rc = pl_worker_call(e, &o, preflight_build, b, &out, &err);
    pl_buf_free(&out);
    if (rc == 0)
        return true;
    if (res) {
        pl_buf m;
        pl_buf_init(&m);
        pl_buf_printf(&m,
                      "the bundle did not load: %s; a rule file's top-level code must finish "
                      "within the deadline (%u ms; --timeout or limits.timeout-ms), so none "
                      "of its rules run",
                      err.message, e->load_deadline_ms);
        pl_results_add_problem(res, b->root && *b->root ? b->root : b->name, 0, 0, NULL, m.data);
        pl_buf_free(&m);
    }
    return false;
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
    if (e->load_deadline_ms && !preflight(e, b, res)) {
        e->nbundles--;
        bundle_free(b);
        return res ? (int)(res->nproblems - before) : 0;
    }
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
        char *r =
            *rel ? pl_arena_printf(a, "%s/%s", rel, ent->d_name) : pl_arena_strdup(a, ent->d_name);
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        /* tests/ fixtures are kept for --explain and rule pages (small, text), but no
         * test code: *_test.lua runs only in the test kit */
        bool fixture =
            strncmp(r, "tests/", 6) == 0 && !ends_with(r, ".lua") && st.st_size <= MAX_FIXTURE;
        if (S_ISDIR(st.st_mode)) {
            walk(full, r, depth + 1, out, a, res);
        } else if (S_ISREG(st.st_mode) &&
                   ((ends_with(ent->d_name, ".lua") && strncmp(r, "tests/", 6) != 0) || fixture)) {
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

/* ---- configuring loaded rules ------------------------------------------------------ */

static pl_rule *lookup(const pl_engine *e, const char *id, pl_error *err) {
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i]->meta.id, id) == 0)
            return e->rules[i];
    for (size_t i = 0; i < e->nrules; i++)
        for (size_t a = 0; a < e->rules[i]->meta.naliases; a++)
            if (strcmp(e->rules[i]->meta.aliases[a], id) == 0)
                return e->rules[i];
    const char *near = err ? pl_engine_suggest_rule(e, id) : NULL;
    pl_error_set(err, NULL, 0, 0, "unknown rule '%s'%s%s%s (plimsoll rules lists the rule ids)", id,
                 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return NULL;
}

const pl_rule_meta *pl_engine_find_rule(const pl_engine *e, const char *id_or_alias) {
    const pl_rule *r = lookup(e, id_or_alias, NULL);
    return r ? &r->meta : NULL;
}

static const char *json_kind(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "a mapping";
    case JSON_ARRAY: return "a list";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static bool value_fits(const json_t *v, const char *type) {
    if (strcmp(type, "string") == 0)
        return json_is_string(v);
    if (strcmp(type, "number") == 0)
        return json_is_number(v);
    if (strcmp(type, "integer") == 0)
        return json_is_integer(v);
    if (strcmp(type, "boolean") == 0)
        return json_is_boolean(v);
    if (!json_is_array(v) || json_array_size(v) > MAX_PARAM_LIST)
        return false;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (!json_is_string(json_array_get(v, i)))
            return false;
    return true;
}

int pl_engine_set_param(pl_engine *e, const char *rule, const char *name, const json_t *value,
                        pl_error *err) {
    pl_rule *r = lookup(e, rule, err);
    if (!r)
        return -1;
    size_t i = 0;
    while (i < r->meta.nparams && strcmp(r->meta.params[i].name, name) != 0)
        i++;
    if (i == r->meta.nparams) {
        pl_buf known;
        pl_buf_init(&known);
        for (size_t k = 0; k < r->meta.nparams; k++)
            pl_buf_printf(&known, "%s%s", k ? ", " : "", r->meta.params[k].name);
        pl_error_set(err, NULL, 0, 0, "rule %s has no parameter '%s' (%s%s)", r->meta.id, name,
                     r->meta.nparams ? "it has: " : "it has none", known.data ? known.data : "");
        pl_buf_free(&known);
        return -1;
    }
    pl_param_meta *p = &r->meta.params[i];
    if (!value || !value_fits(value, p->type))
        return pl_error_set(err, NULL, 0, 0, "parameter %s of rule %s is of type %s%s, not %s",
                            name, r->meta.id, p->type,
                            strcmp(p->type, "list") == 0 ? " (of strings)" : "",
                            value ? json_kind(value) : "missing");
    json_decref(r->values[i]);
    r->values[i] = json_deep_copy(value);
    if (!r->values[i])
        abort();
    free(p->value_json);
    p->value_json = json_text(value);
    /* the cached Lua table of the old values must go */
    pl_bundle *b = r->bundle;
    if (b->sb && r->slot) {
        lua_State *L = b->sb->L;
        lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_params);
        lua_pushnil(L);
        lua_rawseti(L, -2, r->slot);
        lua_pop(L, 1);
    }
    return 0;
}

/* The rules a configuration key names: the rule with that id, or else every rule that
 * declares it as an alias (peers' ids are shared: DS-0002 is both the Dockerfile and the
 * image-config root check), so disabling an alias disables each rule it stands for. */
static bool names_rule(const pl_engine *e, const pl_rule *r, const char *token) {
    if (strcmp(r->meta.id, token) == 0)
        return true;
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i]->meta.id, token) == 0)
            return false; /* an exact id names that rule alone */
    for (size_t a = 0; a < r->meta.naliases; a++)
        if (strcmp(r->meta.aliases[a], token) == 0)
            return true;
    return false;
}

static void set_enabled_one(pl_rule *r, bool enabled, const char *reason) {
    r->meta.disabled = !enabled;
    free(r->skip_reason);
    r->skip_reason = NULL;
    if (!enabled) {
        r->skip_reason = strdup(reason ? reason : "disabled by configuration");
        if (!r->skip_reason)
            abort();
    }
    r->meta.disabled_reason = r->skip_reason; /* borrowed: the rule owns it */
}

int pl_engine_set_enabled(pl_engine *e, const char *rule, bool enabled, const char *reason,
                          pl_error *err) {
    if (!lookup(e, rule, err))
        return -1;
    for (size_t i = 0; i < e->nrules; i++)
        if (names_rule(e, e->rules[i], rule))
            set_enabled_one(e->rules[i], enabled, reason);
    return 0;
}

int pl_engine_set_severity(pl_engine *e, const char *rule, pl_severity sev, pl_error *err) {
    if (!lookup(e, rule, err))
        return -1;
    for (size_t i = 0; i < e->nrules; i++) {
        pl_rule *r = e->rules[i];
        if (names_rule(e, r, rule)) {
            r->meta.severity = sev;
            r->sev_override = true;
        }
    }
    return 0;
}

bool pl_engine_rule_answers_to(const pl_engine *e, const char *rule_id, const char *token) {
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i]->meta.id, rule_id) == 0)
            return names_rule(e, e->rules[i], token);
    return false;
}

const char *pl_engine_suggest_rule(const pl_engine *e, const char *token) {
    size_t n = 0, cap = 1;
    for (size_t i = 0; i < e->nrules; i++)
        cap += 2 + e->rules[i]->meta.naliases;
    const char **names = calloc(cap, sizeof *names);
    if (!names)
        pl_out_of_memory();
    for (size_t i = 0; i < e->nrules; i++) {
        const pl_rule_meta *m = &e->rules[i]->meta;
        const char *slash = strrchr(m->id, '/');
        names[n++] = m->id;
        if (slash)
            names[n++] = slash + 1;
        for (size_t a = 0; a < m->naliases; a++)
            names[n++] = m->aliases[a];
    }
    const char *near = pl_suggest(token, names);
    free(names);
    return near;
}

const pl_rule_meta *pl_engine_find_bare(const pl_engine *e, const char *token, size_t *n) {
    const pl_rule_meta *found = NULL;
    *n = 0;
    if (!token || !*token || strchr(token, '/'))
        return NULL;
    for (size_t i = 0; i < e->nrules; i++) {
        const char *slash = strrchr(e->rules[i]->meta.id, '/');
        if (slash && strcmp(slash + 1, token) == 0) {
            (*n)++;
            found = &e->rules[i]->meta;
        }
    }
    return *n == 1 ? found : NULL;
}

int pl_engine_set_preset(pl_engine *e, const char *preset, pl_error *err) {
    bool strict;
    if (preset && strcmp(preset, "default") == 0)
        strict = false;
    else if (preset && strcmp(preset, "strict") == 0)
        strict = true;
    else
        return pl_error_set(err, NULL, 0, 0, "unknown preset '%s' (use default or strict)",
                            preset ? preset : "");
    for (size_t i = 0; i < e->nrules; i++) {
        pl_rule *r = e->rules[i];
        bool on = strict || !r->meta.preset || strcmp(r->meta.preset, "default") == 0;
        pl_engine_set_enabled(e, r->meta.id, on,
                              on ? NULL : "in the strict preset (run with --preset strict)", NULL);
    }
    return 0;
}

/* Values of rules are C data so they survive a rebuilt state; the Lua table is a cache. */
static void push_value(lua_State *L, const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
    case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
    case JSON_TRUE:
    case JSON_FALSE: lua_pushboolean(L, json_is_true(v)); break;
    case JSON_ARRAY:
        lua_createtable(L, (int)json_array_size(v), 0);
        for (size_t i = 0; i < json_array_size(v); i++) {
            push_value(L, json_array_get(v, i));
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        pl_sandbox_protect(L, false);
        break;
    default: lua_pushnil(L);
    }
}

void pl_rule_push_params(lua_State *L, const pl_rule *r) {
    luaL_checkstack(L, 6, "params");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_params);
    if (lua_rawgeti(L, -1, r->slot) == LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, (int)r->meta.nparams);
    for (size_t i = 0; i < r->meta.nparams; i++) {
        push_value(L, r->values[i]);
        lua_setfield(L, -2, r->meta.params[i].name);
    }
    pl_sandbox_protect(L, false);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, r->slot);
    lua_remove(L, -2);
}
