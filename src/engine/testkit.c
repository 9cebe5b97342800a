/* testkit.c — *_test.lua files: a small test API, run in its own sandboxed state.
 *
 * A test file never shares a state with the rules it tests: it gets a fresh sandbox with
 * the test API, and each assertion asks the engine (in C) to parse an inline document
 * and evaluate one rule on it, handing back only plain values — a verdict and the
 * findings' lines and messages. Expectations are three-valued (passes, finds exactly
 * these, skips), and a rule that raised is a failure whatever was expected, so a rule
 * that silently never ran can never look like one that passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine_internal.h"

typedef struct kit {
    pl_engine *e;
    const char *ns;
    const char *path;
    size_t assertions;
    char **tested;
    size_t ntested, captested;
} kit;

static void note_tested(kit *k, const char *id) {
    for (size_t i = 0; i < k->ntested; i++)
        if (strcmp(k->tested[i], id) == 0)
            return;
    if (k->ntested == k->captested) {
        k->captested = k->captested ? k->captested * 2 : 8;
        k->tested = realloc(k->tested, k->captested * sizeof *k->tested);
        if (!k->tested)
            abort();
    }
    k->tested[k->ntested] = strdup(id);
    if (!k->tested[k->ntested])
        abort();
    k->ntested++;
}

static const pl_rule *find_rule_id(const pl_engine *e, const char *id) {
    for (size_t i = 0; i < e->nrules; i++)
        if (strcmp(e->rules[i]->meta.id, id) == 0)
            return e->rules[i];
    return NULL;
}

/* evaluate(kind, text, id, path) -> verdict, findings, message. Every heap object is
 * freed before anything here can raise. */
static int kit_evaluate(lua_State *L) {
    kit *k = lua_touserdata(L, lua_upvalueindex(1));
    const char *kindname = luaL_checkstring(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    const char *local = luaL_checkstring(L, 3);
    const char *path =
        luaL_optstring(L, 4, strcmp(kindname, "image") == 0 ? "image.json" : "Dockerfile");
    k->assertions++;

    pl_buf id, msg;
    pl_buf_init(&id);
    pl_buf_init(&msg);
    if (k->ns && !strchr(local, '/'))
        pl_buf_printf(&id, "%s/%s", k->ns, local);
    else
        pl_buf_puts(&id, local);
    const char *verdict = "pass";
    pl_results res;
    pl_results_init(&res);
    pl_arena a;
    pl_arena_init(&a);
    pl_doc_kind kind = strcmp(kindname, "image") == 0 ? PL_DOC_IMAGE : PL_DOC_DOCKERFILE;
    const pl_rule *r = find_rule_id(k->e, id.data);
    pl_document *docs = NULL;
    size_t ndocs = 0;
    pl_error err = {0};
    if (!r) {
        verdict = "invalid";
        pl_buf_printf(&msg, "no rule '%s' in this bundle (plimsoll rules --policy DIR lists them)",
                      id.data);
    } else if (pl_document_load(&a, kind, path, text, len, NULL, &docs, &ndocs, &err) != 0) {
        verdict = "invalid";
        pl_buf_printf(&msg, "the %s given does not parse: line %d: %s", kindname, err.line,
                      err.message);
    } else {
        note_tested(k, id.data);
        const char *ids[] = {id.data};
        pl_engine_select(k->e, ids, 1, NULL);
        for (size_t i = 0; i < ndocs; i++)
            pl_engine_evaluate(k->e, &docs[i], &res);
        bool any = false;
        for (size_t i = 0; i < res.nverdicts; i++) {
            const pl_verdict *v = &res.verdicts[i];
            if (strcmp(v->rule, id.data) != 0 || v->status == PL_VERDICT_SKIP)
                continue;
            any = true;
            if (v->status == PL_VERDICT_ERROR) {
                verdict = "error";
                pl_buf_puts(&msg, v->message ? v->message : "(no message)");
                break;
            }
            if (v->status == PL_VERDICT_FAIL)
                verdict = "fail";
        }
        if (!any)
            verdict = "skip";
    }
    pl_results_sort(&res);
    lua_pushstring(L, verdict);
    lua_createtable(L, (int)res.nfindings, 0);
    for (size_t i = 0; i < res.nfindings; i++) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, res.findings[i].line);
        lua_setfield(L, -2, "line");
        lua_pushstring(L, res.findings[i].message);
        lua_setfield(L, -2, "message");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushstring(L, msg.data ? msg.data : "");
    pl_results_free(&res);
    pl_arena_free(&a);
    pl_buf_free(&id);
    pl_buf_free(&msg);
    return 3;
}

/* The line of the function at level in the test file (test()'s caller). */
static int kit_debug_line(lua_State *L) {
    lua_Debug ar;
    int level = (int)luaL_checkinteger(L, 1);
    if (lua_getstack(L, level, &ar) && lua_getinfo(L, "l", &ar))
        lua_pushinteger(L, ar.currentline);
    else
        lua_pushinteger(L, 0);
    return 1;
}

static char *err_text(lua_State *L) {
    return pl_sandbox_error_text(L, -1, 2048);
}

/* Strips "path:line: " from a message, returning the line (0 when absent). */
static int strip_where(char *msg, const char *path) {
    int line = pl_message_line(msg, path);
    if (line > 0) {
        size_t n = strlen(path);
        char *p = strncmp(msg, path, n) == 0 ? msg + n : NULL;
        if (p && *p == ':') {
            char *q = strchr(p + 1, ':');
            if (q) {
                q++;
                while (*q == ' ')
                    q++;
                memmove(msg, q, strlen(q) + 1);
            }
        }
    }
    return line;
}

void pl_engine_run_tests(pl_engine *e, const char *ns, const char *path, const char *text,
                         size_t len, pl_test_file *out) {
    memset(out, 0, sizeof *out);
    kit k = {.e = e, .ns = ns, .path = path};
    pl_error err = {0};
    pl_sandbox *sb = pl_sandbox_new(&e->limits, NULL, &err);
    if (!sb) {
        out->load_error = strdup(err.message);
        return;
    }
    lua_State *L = sb->L;
    /* the API chunk: private environment, gets evaluate and the test list */
    pl_sandbox_arm(sb, e->limits.instructions);
    int st = luaL_loadbufferx(L, pl_testkit_api[0].data, pl_testkit_api[0].len, "=testkit", "t");
    if (st == LUA_OK) {
        pl_sandbox_push_env(L);
        lua_pushcfunction(L, kit_debug_line);
        lua_setfield(L, -2, "debug_line");
        lua_setupvalue(L, -2, 1);
        lua_pushlightuserdata(L, &k);
        lua_pushcclosure(L, kit_evaluate, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_insert(L, -4); /* tests list below the function */
        st = lua_pcall(L, 2, 2, 0);
    }
    if (st != LUA_OK) {
        char *m = err_text(L);
        out->load_error = m;
        pl_sandbox_free(sb);
        return;
    }
    /* stack: tests, test, run */
    int tests = lua_absindex(L, -3), runfn = lua_absindex(L, -1);
    pl_buf chunk;
    pl_buf_init(&chunk);
    pl_buf_printf(&chunk, "@%s", path);
    pl_sandbox_arm(sb, e->limits.instructions);
    st = luaL_loadbufferx(L, text, len, chunk.data, "t");
    pl_buf_free(&chunk);
    if (st == LUA_OK) {
        pl_sandbox_push_env(L);
        lua_pushvalue(L, tests + 1); /* test */
        lua_setfield(L, -2, "test");
        lua_setupvalue(L, -2, 1);
        st = lua_pcall(L, 0, 0, 0);
    }
    if (st != LUA_OK || pl_sandbox_spent(sb)) {
        char *m = pl_sandbox_spent(sb) ? strdup("the test file hit a sandbox limit while loading")
                                       : err_text(L);
        out->load_line = strip_where(m, path);
        out->load_error = m;
        pl_sandbox_free(sb);
        for (size_t i = 0; i < k.ntested; i++)
            free(k.tested[i]);
        free(k.tested);
        return;
    }
    size_t n = (size_t)lua_rawlen(L, tests);
    out->cases = calloc(n ? n : 1, sizeof *out->cases);
    if (!out->cases)
        abort();
    for (size_t i = 1; i <= n; i++) {
        pl_test_case *c = &out->cases[out->ncases++];
        lua_rawgeti(L, tests, (lua_Integer)i);
        lua_getfield(L, -1, "name");
        c->name = strdup(lua_tostring(L, -1));
        lua_getfield(L, -2, "line");
        c->line = (int)lua_tointeger(L, -1);
        lua_pop(L, 3);
        if (!sb || pl_sandbox_spent(sb)) {
            c->failure = strdup("not run: an earlier test spent the sandbox");
            continue;
        }
        size_t before = k.assertions;
        pl_sandbox_arm(sb, e->limits.instructions);
        lua_pushvalue(L, runfn);
        lua_pushinteger(L, (lua_Integer)i);
        st = lua_pcall(L, 1, 0, 0);
        if (pl_sandbox_spent(sb)) {
            c->failure = strdup(sb->tripped ? "the test hit the instruction limit"
                                            : "the test hit the memory limit");
        } else if (st != LUA_OK) {
            c->failure = err_text(L);
            c->fail_line = strip_where(c->failure, path);
            lua_pop(L, 1);
        } else if (k.assertions == before) {
            c->failure = strdup("the test made no assertion (end it with :passes(), :finds{...} "
                                "or :skips())");
            c->fail_line = c->line;
        }
    }
    pl_sandbox_free(sb);
    out->rules_tested = k.tested;
    out->nrules_tested = k.ntested;
}

void pl_test_file_free(pl_test_file *f) {
    for (size_t i = 0; i < f->ncases; i++)
        free(f->cases[i].name), free(f->cases[i].failure);
    free(f->cases);
    free(f->load_error);
    for (size_t i = 0; i < f->nrules_tested; i++)
        free(f->rules_tested[i]);
    free(f->rules_tested);
    memset(f, 0, sizeof *f);
}
