/* describe.c — what a rule declares beyond its core metadata (preset, parameters) and
 * the files of its bundle, for `plimsoll rules --explain` and the generated rule pages.
 *
 * The loader keeps only what evaluation needs, so the rule file is run again here in a
 * fresh sandbox of its bundle and its table read with raw accesses; nothing here can
 * affect the states rules run in. Values are rendered as Lua literals, as an author
 * would write them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine_internal.h"

static void render(lua_State *L, int idx, pl_buf *out, int depth) {
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        char *c = pl_text_clean(s, n, 200, NULL);
        pl_buf_printf(out, "\"%s\"", c);
        free(c);
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            pl_buf_printf(out, "%lld", (long long)lua_tointeger(L, idx));
        else
            pl_buf_printf(out, "%.14g", lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN: pl_buf_puts(out, lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TTABLE: {
        if (depth > 3) {
            pl_buf_puts(out, "{...}");
            break;
        }
        pl_buf_puts(out, "{");
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n && i <= 50; i++) {
            lua_rawgeti(L, idx, i);
            pl_buf_puts(out, i > 1 ? ", " : " ");
            render(L, -1, out, depth + 1);
            lua_pop(L, 1);
        }
        pl_buf_puts(out, n ? " }" : "}");
        break;
    }
    case LUA_TNIL: pl_buf_puts(out, "nil"); break;
    default: pl_buf_printf(out, "(%s)", luaL_typename(L, idx));
    }
}

static char *field_text(lua_State *L, int t, const char *name, bool literal) {
    lua_pushstring(L, name);
    lua_rawget(L, t);
    char *r = NULL;
    if (!lua_isnil(L, -1)) {
        pl_buf b;
        pl_buf_init(&b);
        if (!literal && lua_type(L, -1) == LUA_TSTRING) {
            size_t n;
            const char *s = lua_tolstring(L, -1, &n);
            char *c = pl_text_clean(s, n, 1000, NULL);
            pl_buf_puts(&b, c);
            free(c);
        } else {
            render(L, -1, &b, 0);
        }
        r = pl_buf_take(&b);
    }
    lua_pop(L, 1);
    return r;
}

static int cmp_param(const void *a, const void *b) {
    return strcmp(((const pl_rule_param *)a)->name, ((const pl_rule_param *)b)->name);
}

/* Protected: reads the rule table at 1 into the pl_rule_extra at 2. */
static int read_extra(lua_State *L) {
    pl_rule_extra *x = lua_touserdata(L, 2);
    if (!lua_istable(L, 1))
        return 0;
    x->preset = field_text(L, 1, "preset", false);
    lua_pushliteral(L, "params");
    if (lua_rawget(L, 1) != LUA_TTABLE)
        return 0;
    int params = lua_gettop(L);
    size_t cap = 0;
    lua_pushnil(L);
    while (lua_next(L, params)) {
        if (lua_type(L, -2) == LUA_TSTRING && x->nparams < 200) {
            if (x->nparams == cap) {
                cap = cap ? cap * 2 : 8;
                x->params = realloc(x->params, cap * sizeof *x->params);
                if (!x->params)
                    abort();
            }
            pl_rule_param *p = &x->params[x->nparams++];
            memset(p, 0, sizeof *p);
            size_t n;
            const char *k = lua_tolstring(L, -2, &n);
            p->name = pl_text_clean(k, n, 100, NULL);
            if (lua_istable(L, -1)) {
                int d = lua_gettop(L);
                p->type = field_text(L, d, "type", false);
                p->default_text = field_text(L, d, "default", true);
                p->description = field_text(L, d, "description", false);
            }
        }
        lua_pop(L, 1);
    }
    if (x->nparams)
        qsort(x->params, x->nparams, sizeof *x->params, cmp_param);
    return 0;
}

int pl_engine_rule_extra(pl_engine *e, size_t i, pl_rule_extra *out, pl_error *err) {
    memset(out, 0, sizeof *out);
    if (i >= e->nrules)
        return pl_error_set(err, NULL, 0, 0, "no rule %zu", i);
    pl_rule *r = e->rules[i];
    pl_bundle *b = r->bundle;
    pl_sandbox *sb = pl_sandbox_new(&e->limits, b, err);
    if (!sb)
        return -1;
    lua_State *L = sb->L;
    const pl_bundle_file *f = &b->files[r->file];
    pl_sandbox_arm(sb, e->limits.instructions);
    lua_pushfstring(L, "@%s", r->meta.file);
    int st = luaL_loadbufferx(L, f->data, f->len, lua_tostring(L, -1), "t");
    if (st == LUA_OK) {
        pl_sandbox_push_env(L);
        lua_setupvalue(L, -2, 1);
        st = lua_pcall(L, 0, 1, 0);
    }
    if (st == LUA_OK && !pl_sandbox_spent(sb)) {
        lua_pushcfunction(L, read_extra);
        lua_insert(L, -2);
        lua_pushlightuserdata(L, out);
        st = lua_pcall(L, 2, 0, 0);
    }
    int rc = 0;
    if (st != LUA_OK || pl_sandbox_spent(sb)) {
        pl_error_set(err, r->meta.file, 0, 0, "the rule file could not be read again");
        rc = -1;
    }
    pl_sandbox_free(sb);
    return rc;
}

void pl_rule_extra_free(pl_rule_extra *x) {
    for (size_t i = 0; i < x->nparams; i++)
        free(x->params[i].name), free(x->params[i].type), free(x->params[i].default_text),
            free(x->params[i].description);
    free(x->params);
    free(x->preset);
    memset(x, 0, sizeof *x);
}

const pl_bundle_file *pl_engine_rule_files(const pl_engine *e, size_t i, size_t *n) {
    if (i >= e->nrules) {
        *n = 0;
        return NULL;
    }
    *n = e->rules[i]->bundle->nfiles;
    return e->rules[i]->bundle->files;
}

const char *pl_engine_rule_path(const pl_engine *e, size_t i) {
    return i < e->nrules ? e->rules[i]->bundle->files[e->rules[i]->file].path : NULL;
}
