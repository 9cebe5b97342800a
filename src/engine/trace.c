/* trace.c — `check --trace RULE`: what one rule read, printed and reported.
 *
 * While the traced rule runs it receives, instead of the document's read-only proxy, a
 * tracing wrapper: every field it reads through the wrapper is counted under the path
 * that led there (df.stages[1].from.tag), and every table it reaches is wrapped in
 * turn, so model methods called on a wrapper are traced too. The wrapper forwards
 * everything else (length, pairs, methods) to the proxy, and rawget/next see through it
 * (sandbox.c), so tracing never changes what a rule computes. Only the traced rule pays
 * for any of this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine_internal.h"

const char pl_trace_mark;
static const char reg_trace_log;   /* { order = {label...}, by = {label -> {keys=..., n=...}} } */
static const char reg_trace_cache; /* weak: target -> wrapper */

#define MAX_LABELS 2000

static void record(lua_State *L, const char *label, int key) {
    /* key at stack index key (string or integer) */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_trace_log);
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    int log = lua_gettop(L);
    lua_getfield(L, log, "by");
    if (lua_getfield(L, -1, label) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_getfield(L, log, "order");
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        if (n >= MAX_LABELS) {
            lua_settop(L, log - 1);
            return;
        }
        lua_pushstring(L, label);
        lua_rawseti(L, -2, n + 1);
        lua_pop(L, 1);
        lua_createtable(L, 0, 2);
        lua_newtable(L);
        lua_setfield(L, -2, "keys");
        lua_newtable(L);
        lua_setfield(L, -2, "n");
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, label);
    }
    int entry = lua_gettop(L);
    lua_getfield(L, entry, "n");
    lua_pushvalue(L, key);
    lua_Integer c = lua_rawget(L, -2) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (c == 0) {
        lua_getfield(L, entry, "keys");
        lua_pushvalue(L, key);
        lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, key);
    lua_pushinteger(L, c + 1);
    lua_rawset(L, -3);
    lua_settop(L, log - 1);
}

static void push_wrapper(lua_State *L, int target, const char *label);

static void child_label(lua_State *L, const char *label, int key) {
    if (lua_type(L, key) == LUA_TNUMBER)
        lua_pushfstring(L, "%s[%d]", label, (int)lua_tointeger(L, key));
    else
        lua_pushfstring(L, "%s.%s", label, lua_tostring(L, key));
}

/* Replaces the value at the top with its wrapper when it is a table. */
static void wrap_top(lua_State *L, const char *label, int key) {
    if (!lua_istable(L, -1))
        return;
    int v = lua_gettop(L);
    child_label(L, label, key);
    push_wrapper(L, v, lua_tostring(L, -1));
    lua_replace(L, v);
    lua_settop(L, v);
}

static int tr_index(lua_State *L) {
    const char *label = lua_tostring(L, lua_upvalueindex(2));
    lua_settop(L, 2);
    lua_pushvalue(L, 2);
    lua_gettable(L, lua_upvalueindex(1)); /* 3: through the proxy, methods included */
    int t = lua_type(L, 2);
    if ((t == LUA_TSTRING || t == LUA_TNUMBER) && !lua_isfunction(L, 3)) {
        record(L, label, 2);
        wrap_top(L, label, 2);
    }
    return 1;
}

static int tr_len(lua_State *L) {
    lua_pushinteger(L, luaL_len(L, lua_upvalueindex(1)));
    return 1;
}

static int tr_newindex(lua_State *L) {
    return luaL_error(L, "attempt to modify the input");
}

static int tr_next(lua_State *L) {
    const char *label = lua_tostring(L, lua_upvalueindex(2));
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    if (pl_sandbox_unproxy(L, -1))
        lua_remove(L, -2);
    lua_pushvalue(L, 2);
    if (!lua_next(L, -2)) {
        lua_pushnil(L);
        return 1;
    }
    int k = lua_gettop(L) - 1;
    if (lua_type(L, k) == LUA_TSTRING || lua_type(L, k) == LUA_TNUMBER) {
        record(L, label, k);
        wrap_top(L, label, k);
    }
    return 2;
}

static int tr_pairs(lua_State *L) {
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__trace_next");
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static void push_wrapper(lua_State *L, int target, const char *label) {
    luaL_checkstack(L, 8, "trace");
    target = lua_absindex(L, target);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_trace_cache);
    lua_pushvalue(L, target);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    lua_newtable(L); /* wrapper */
    lua_createtable(L, 0, 8);
    lua_pushvalue(L, target);
    lua_pushstring(L, label);
    lua_pushcclosure(L, tr_index, 2);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, target);
    lua_pushcclosure(L, tr_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushvalue(L, target);
    lua_pushstring(L, label);
    lua_pushcclosure(L, tr_next, 2);
    lua_setfield(L, -2, "__trace_next");
    lua_pushcfunction(L, tr_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushcfunction(L, tr_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, target);
    lua_rawsetp(L, -2, &pl_trace_mark);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, target);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4); /* cache */
    lua_remove(L, -2);
}

static int begin(lua_State *L) {
    lua_createtable(L, 0, 2);
    lua_newtable(L);
    lua_setfield(L, -2, "order");
    lua_newtable(L);
    lua_setfield(L, -2, "by");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_trace_log);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_trace_cache);
    push_wrapper(L, 1, lua_tostring(L, 2));
    return 1;
}

int pl_trace_wrap(lua_State *L, const char *root_label) {
    /* the proxy is at the top; replaced by its wrapper, in a protected call */
    lua_pushcfunction(L, begin);
    lua_insert(L, -2);
    lua_pushstring(L, root_label);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK)
        return -1;
    return 0;
}

/* Formats the reads recorded (without running Lua code: plain raw reads). */
void pl_trace_format(lua_State *L, pl_buf *out) {
    int top = lua_gettop(L);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_trace_log) != LUA_TTABLE) {
        lua_settop(L, top);
        return;
    }
    lua_getfield(L, -1, "order");
    lua_getfield(L, -2, "by");
    int order = top + 2, by = top + 3;
    lua_Integer n = (lua_Integer)lua_rawlen(L, order);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, order, i);
        const char *label = lua_tostring(L, -1);
        lua_pushvalue(L, -1);
        lua_rawget(L, by);
        lua_getfield(L, -1, "keys");
        lua_getfield(L, -2, "n");
        int keys = lua_gettop(L) - 1, counts = lua_gettop(L);
        pl_buf_printf(out, "  read %s:", label ? label : "?");
        lua_Integer nk = (lua_Integer)lua_rawlen(L, keys);
        for (lua_Integer j = 1; j <= nk; j++) {
            lua_rawgeti(L, keys, j);
            lua_pushvalue(L, -1);
            lua_rawget(L, counts);
            lua_Integer c = lua_tointeger(L, -1);
            if (lua_type(L, -2) == LUA_TNUMBER)
                pl_buf_printf(out, " [%lld]", (long long)lua_tointeger(L, -2));
            else
                pl_buf_printf(out, " %s", lua_tostring(L, -2));
            if (c > 1)
                pl_buf_printf(out, " (x%lld)", (long long)c);
            lua_pop(L, 2);
        }
        pl_buf_puts(out, "\n");
        lua_settop(L, by);
    }
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_trace_log);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_trace_cache);
    lua_settop(L, top);
}
