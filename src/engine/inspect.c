/* inspect.c — the table a rule receives, as JSON (`plimsoll inspect`).
 *
 * The document is built by the same bridge, in a fresh sandbox, and serialised by
 * walking the real tables behind the read-only proxies: sorted keys, arrays for
 * sequences, and command.instruction (the one back-reference, which would be a cycle)
 * printed as the instruction's index. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine_internal.h"

#define MAX_DEPTH 40

typedef struct key {
    int is_int;
    lua_Integer i;
    const char *s;
    size_t n;
} key;

static int cmp_key(const void *pa, const void *pb) {
    const key *a = pa, *b = pb;
    if (a->is_int != b->is_int)
        return a->is_int ? -1 : 1;
    if (a->is_int)
        return (a->i > b->i) - (a->i < b->i);
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->s, b->s, n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* A JSON string of s[0..n): each byte that is not UTF-8 first becomes the text \xNN
 * (pl_utf8_escape_invalid, as in the report), then JSON's escapes apply. */
static void json_string(pl_buf *b, const char *s, size_t n) {
    pl_buf fixed;
    pl_buf_init(&fixed);
    if (!pl_utf8_valid(s, n)) {
        pl_utf8_escape_invalid(&fixed, s, n);
        s = fixed.data, n = fixed.len;
    }
    pl_buf_puts(b, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c;
            pl_buf_append(b, esc, 2);
        } else if (c == '\n') {
            pl_buf_puts(b, "\\n");
        } else if (c == '\t') {
            pl_buf_puts(b, "\\t");
        } else if (c == '\r') {
            pl_buf_puts(b, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            pl_buf_puts(b, esc);
        } else {
            pl_buf_append(b, (const char *)&c, 1);
        }
    }
    pl_buf_puts(b, "\"");
    pl_buf_free(&fixed);
}

static void indent(pl_buf *b, int depth) {
    pl_buf_puts(b, "\n");
    for (int i = 0; i < depth; i++)
        pl_buf_puts(b, "  ");
}

static void value(lua_State *L, int idx, pl_buf *b, int depth);

static void table(lua_State *L, int idx, pl_buf *b, int depth) {
    luaL_checkstack(L, 6, "inspect");
    if (pl_sandbox_unproxy(L, idx))
        idx = lua_gettop(L);
    else
        lua_pushvalue(L, idx), idx = lua_gettop(L);
    size_t n = 0, cap = 16;
    key *keys = malloc(cap * sizeof *keys);
    if (!keys)
        abort();
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (n == cap) {
            cap *= 2;
            keys = realloc(keys, cap * sizeof *keys);
            if (!keys)
                abort();
        }
        key *k = &keys[n];
        memset(k, 0, sizeof *k);
        if (lua_isinteger(L, -1)) {
            k->is_int = 1;
            k->i = lua_tointeger(L, -1);
        } else if (lua_type(L, -1) == LUA_TSTRING) {
            k->s = lua_tolstring(L, -1, &k->n); /* anchored by the table */
        } else {
            continue;
        }
        n++;
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    bool array = true;
    for (size_t i = 0; i < n && array; i++)
        array = keys[i].is_int && keys[i].i == (lua_Integer)i + 1;
    pl_buf_puts(b, array ? "[" : "{");
    for (size_t i = 0; i < n; i++) {
        if (i)
            pl_buf_puts(b, ",");
        indent(b, depth + 1);
        if (keys[i].is_int)
            lua_pushinteger(L, keys[i].i);
        else
            lua_pushlstring(L, keys[i].s, keys[i].n);
        if (!array) {
            if (keys[i].is_int) {
                char num[32];
                snprintf(num, sizeof num, "%lld", (long long)keys[i].i);
                json_string(b, num, strlen(num));
            } else {
                json_string(b, keys[i].s, keys[i].n);
            }
            pl_buf_puts(b, ": ");
        }
        lua_rawget(L, idx);
        if (!keys[i].is_int && strcmp(keys[i].s, "instruction") == 0 &&
            lua_type(L, -1) == LUA_TTABLE) {
            if (pl_sandbox_unproxy(L, -1)) {
                lua_getfield(L, -1, "index");
                lua_remove(L, -2);
                lua_replace(L, -2);
            }
            if (lua_isinteger(L, -1))
                pl_buf_printf(b, "%lld", (long long)lua_tointeger(L, -1));
            else
                pl_buf_puts(b, "null");
        } else {
            value(L, lua_gettop(L), b, depth + 1);
        }
        lua_pop(L, 1);
    }
    if (n)
        indent(b, depth);
    pl_buf_puts(b, array ? "]" : "}");
    free(keys);
    lua_pop(L, 1);
}

static void value(lua_State *L, int idx, pl_buf *b, int depth) {
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: pl_buf_puts(b, lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            pl_buf_printf(b, "%lld", (long long)lua_tointeger(L, idx));
        } else {
            double d = lua_tonumber(L, idx);
            if (isfinite(d))
                pl_buf_printf(b, "%.17g", d);
            else
                pl_buf_puts(b, "null");
        }
        break;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        json_string(b, s, n);
        break;
    }
    case LUA_TTABLE:
        if (depth > MAX_DEPTH)
            pl_buf_puts(b, "\"(nested too deeply)\"");
        else
            table(L, idx, b, depth);
        break;
    default: pl_buf_puts(b, "null"); break;
    }
}

static int inspect(lua_State *L) {
    const pl_document *doc = lua_touserdata(L, 1);
    pl_buf *out = lua_touserdata(L, 2);
    pl_bridge_push_document(L, doc);
    value(L, lua_gettop(L), out, 0);
    pl_buf_puts(out, "\n");
    return 0;
}

char *pl_engine_inspect_json(pl_engine *e, const pl_document *doc, pl_error *err) {
    pl_sandbox *sb = pl_sandbox_new(&e->limits, NULL, err);
    if (!sb)
        return NULL;
    pl_buf out;
    pl_buf_init(&out);
    lua_pushcfunction(sb->L, inspect);
    lua_pushlightuserdata(sb->L, (void *)doc);
    lua_pushlightuserdata(sb->L, &out);
    pl_sandbox_arm(sb, e->limits.instructions);
    int st = lua_pcall(sb->L, 2, 0, 0);
    if (st != LUA_OK || pl_sandbox_spent(sb)) {
        pl_error_set(err, doc->path, 0, 0, "%s",
                     sb->oom ? "the input does not fit the memory limit of a rule's sandbox"
                             : "cannot build the input model");
        pl_buf_free(&out);
        pl_sandbox_free(sb);
        return NULL;
    }
    pl_sandbox_free(sb);
    return pl_buf_take(&out);
}
