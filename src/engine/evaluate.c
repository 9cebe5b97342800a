/* evaluate.c — running the rules of every bundle on one document, and report().
 *
 * Per bundle, the document becomes Lua tables once and every applicable rule reads them.
 * A rule's verdict is decided in C from what happened, not from what the rule returned:
 * a tripped instruction or memory limit is an error even if Lua code caught it. A state
 * that hit a limit is thrown away and rebuilt before the next rule, so one rule's failure
 * never changes another's verdict. Evaluation depends only on (engine, document). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine_internal.h"

const char pl_reg_doc;

static int opt_int(lua_State *L, int idx, const char *what, int *out) {
    if (lua_isnil(L, idx))
        return 0;
    int ok;
    lua_Integer v = lua_tointegerx(L, idx, &ok);
    if (!ok || v < 0 || v > INT_MAX)
        return luaL_error(L, "report: %s must be a non-negative integer", what);
    *out = (int)v;
    return 1;
}

/* Reads location fields of the `at` table (a model node, or any table) at idx. */
static void read_at(lua_State *L, int idx, int *line, int *end_line, int *column,
                    const char **pointer, const char **anchor) {
    int t;
    if (lua_getfield(L, idx, "line") != LUA_TNIL)
        opt_int(L, -1, "at.line", line);
    if (lua_getfield(L, idx, "end_line") != LUA_TNIL)
        opt_int(L, -1, "at.end_line", end_line);
    if (lua_getfield(L, idx, "column") != LUA_TNIL)
        opt_int(L, -1, "at.column", column);
    if (lua_getfield(L, idx, "pointer") == LUA_TSTRING)
        *pointer = lua_tostring(L, -1);
    /* the anchor of the fingerprint: the node's own text, so it survives edits elsewhere */
    if (lua_getfield(L, idx, "raw") == LUA_TSTRING) {
        *anchor = lua_tostring(L, -1);
    } else if ((t = lua_getfield(L, idx, "instruction")) == LUA_TTABLE) {
        if (lua_getfield(L, -1, "raw") == LUA_TSTRING)
            *anchor = lua_tostring(L, -1);
    }
    if (!*anchor && *pointer)
        *anchor = *pointer;
    /* values stay on the stack (anchored) until report returns */
}

static const char *const report_fields[] = {"message", "at", "line", "column", "severity", NULL};

/* Refuses a field report does not know: `prest =` or `mesage =` would otherwise be
 * dropped without a word and the finding lose what the rule meant to say. */
static void check_report_fields(lua_State *L) {
    int t = 1;
    if (pl_sandbox_unproxy(L, 1)) /* a read-only table passed as it is */
        t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "report: fields are named (message =, at = ...); a %s key is not",
                       luaL_typename(L, -1));
        size_t n;
        const char *k = lua_tolstring(L, -1, &n);
        bool known = false;
        for (size_t i = 0; report_fields[i] && !known; i++)
            known = strcmp(report_fields[i], k) == 0;
        if (known)
            continue;
        char *name = pl_text_clean(k, n, 64, NULL);
        char msg[300];
        char hint[160];
        pl_suggest_hint(hint, sizeof hint, name, report_fields);
        snprintf(msg, sizeof msg, "report: unknown field '%s'; %s", name, hint);
        free(name);
        luaL_error(L, "%s", msg);
    }
    lua_settop(L, 1);
}

/* report { message =, at =, line =, column =, severity = } */
static int sb_report(lua_State *L) {
    pl_run *run = lua_touserdata(L, lua_upvalueindex(1));
    if (!run->active || lua_tointeger(L, lua_upvalueindex(2)) != run->gen)
        return luaL_error(L, "report: called after the check it was given to had returned");
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    check_report_fields(L);
    if (lua_getfield(L, 1, "message") != LUA_TSTRING) /* 2 */
        return luaL_error(L, "report: message must be a string, not a %s value",
                          luaL_typename(L, 2));
    pl_severity sev = run->rule->meta.severity;
    if (lua_getfield(L, 1, "severity") != LUA_TNIL) { /* 3 */
        if (lua_type(L, 3) != LUA_TSTRING || pl_severity_parse(lua_tostring(L, 3), &sev) != 0)
            return luaL_error(L,
                              "report: severity must be one of critical, high, medium, low, info");
        if (run->rule->sev_override) /* the configuration has the last word */
            sev = run->rule->meta.severity;
    }
    int line = 0, end_line = 0, column = 0;
    const char *pointer = NULL, *anchor = NULL;
    int at = lua_getfield(L, 1, "at"); /* 4 */
    if (at == LUA_TTABLE && run->trace && lua_getmetatable(L, 4)) {
        /* a --trace wrapper: read the location from the proxy behind it, unrecorded */
        if (lua_rawgetp(L, -1, &pl_trace_mark) == LUA_TTABLE)
            lua_replace(L, 4);
        else
            lua_pop(L, 1);
        lua_pop(L, 1);
    }
    if (at == LUA_TTABLE) {
        read_at(L, 4, &line, &end_line, &column, &pointer, &anchor);
        /* at = {} or a table without a place (a misspelt { lin = 3 }) would make a finding
         * about nothing in particular: a valid at has a line or an image pointer */
        if (line < 1 && !pointer)
            return luaL_error(L, "report: at has no location (neither line nor pointer); "
                                 "give a node of the input such as an instruction, a command "
                                 "or a stage, or use line = N, or leave at out for the whole "
                                 "file");
    } else if (at != LUA_TNIL) {
        return luaL_error(L, "report: at must be a node of the input (a table)");
    }
    int explicit_line = 0;
    lua_getfield(L, 1, "line");
    if (opt_int(L, -1, "line", &explicit_line)) {
        line = explicit_line;
        end_line = explicit_line;
    }
    lua_getfield(L, 1, "column");
    opt_int(L, -1, "column", &column);
    if (end_line < line)
        end_line = line;

    size_t n;
    const char *msg = lua_tolstring(L, 2, &n);
    if (run->trace) {
        luaL_where(L, 1);
        char *m = pl_text_clean(msg, n, 300, NULL);
        size_t wn;
        const char *w = lua_tolstring(L, -1, &wn);
        while (wn && (w[wn - 1] == ' ' || w[wn - 1] == ':'))
            wn--;
        pl_buf_printf(run->trace, "  report (%.*s): line %d: %s%s\n", (int)wn, w, line, m,
                      run->nfindings >= run->limits->max_findings ? " (dropped: over the limit)"
                                                                  : "");
        free(m);
        lua_pop(L, 1);
    }
    if (run->nfindings >= run->limits->max_findings) {
        run->dropped++;
        return 0;
    }
    /* nothing below can raise: no Lua call between the mallocs and the frees */
    char *clean = pl_text_clean(msg, n, run->limits->max_message, NULL);
    const char *id = run->rule->meta.id;
    pl_finding f;
    memset(&f, 0, sizeof f);
    f.rule = (char *)id;
    f.severity = sev;
    f.message = clean;
    f.path = (char *)run->doc->path;
    f.line = line;
    f.end_line = end_line;
    f.column = column;
    f.pointer = (char *)pointer;
    f.fingerprint = pl_fingerprint(id, run->doc->path, clean, anchor);
    pl_results_add_finding(run->res, &f);
    free(f.fingerprint);
    free(clean);
    run->nfindings++;
    return 0;
}

static int push_doc(lua_State *L) {
    const pl_document *doc = lua_touserdata(L, 1);
    pl_bridge_push_document(L, doc);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &pl_reg_doc);
    return 0;
}

static int push_params(lua_State *L) {
    const pl_rule *r = lua_touserdata(L, 1);
    pl_rule_push_params(L, r);
    return 1;
}

static void limit_message(char *buf, size_t n, const pl_sandbox *sb, const pl_limits *lim) {
    if (sb->tripped)
        snprintf(buf, n, "instruction limit of %llu exceeded",
                 (unsigned long long)lim->instructions);
    else if (lim->memory_bytes % (1u << 20) == 0)
        snprintf(buf, n, "memory limit of %zu MiB exceeded", lim->memory_bytes >> 20);
    else
        snprintf(buf, n, "memory limit of %zu bytes exceeded", lim->memory_bytes);
}

static void rule_error(pl_results *res, const pl_rule *r, const pl_document *doc, const char *msg,
                       size_t nfindings) {
    pl_results_add_verdict(res, r->meta.id, doc->path, PL_VERDICT_ERROR, msg, nfindings);
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_printf(&b, "rule %s failed on %s: %s", r->meta.id, doc->path ? doc->path : "(input)",
                  msg);
    pl_results_add_problem(res, r->meta.file, pl_message_line(msg, r->meta.file), 0, r->meta.id,
                           b.data);
    pl_buf_free(&b);
}

static void run_rule(pl_engine *e, pl_bundle *b, pl_rule *r, const pl_document *doc,
                     pl_results *res) {
    pl_sandbox *sb = b->sb;
    lua_State *L = sb->L;
    int top = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_rules);
    lua_rawgeti(L, -1, r->slot);
    lua_remove(L, -2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_doc);
    bool tracing = e->trace_id && strcmp(e->trace_id, r->meta.id) == 0;
    size_t log_before = r->log.len;
    if (tracing) {
        pl_buf_printf(&e->trace, "trace: %s on %s\n", r->meta.id,
                      doc->path ? doc->path : "(input)");
        pl_sandbox_arm(sb, e->limits.instructions);
        if (pl_trace_wrap(L, doc->kind == PL_DOC_IMAGE ? "img" : "df") != 0) {
            pl_buf_puts(&e->trace, "  (could not trace: the sandbox is out of memory)\n");
            lua_pop(L, 1);
            lua_rawgetp(L, LUA_REGISTRYINDEX, &pl_reg_doc);
        }
    }

    pl_run *run = &b->run;
    pl_buf reports;
    pl_buf_init(&reports);
    run->trace = tracing ? &reports : NULL;
    run->gen++;
    run->active = true;
    run->rule = r;
    run->doc = doc;
    run->res = res;
    run->limits = &e->limits;
    run->nfindings = run->dropped = 0;
    lua_pushlightuserdata(L, run);
    lua_pushinteger(L, run->gen);
    lua_pushcclosure(L, sb_report, 2);

    sb->log = &r->log;
    sb->log_cap = PL_RULE_LOG_CAP;
    pl_sandbox_arm(sb, e->limits.instructions);
    /* check(doc, report, params): the params table is built (and may run out of memory)
     * under the same protection as the call */
    lua_pushcfunction(L, push_params);
    lua_pushlightuserdata(L, r);
    int st = lua_pcall(L, 1, 1, 0);
    if (st == LUA_OK)
        st = lua_pcall(L, 3, 0, 0);
    run->active = false;
    run->trace = NULL;
    sb->log = NULL;
    if (tracing) {
        if (!pl_sandbox_spent(sb))
            pl_trace_format(L, &e->trace);
        if (reports.len)
            pl_buf_append(&e->trace, reports.data, reports.len);
        pl_buf_free(&reports);
        if (r->log.len > log_before) {
            pl_buf_puts(&e->trace, "  print output:\n");
            const char *p = r->log.data + log_before;
            while (*p) {
                const char *nl = strchr(p, '\n');
                size_t k = nl ? (size_t)(nl - p) : strlen(p);
                pl_buf_printf(&e->trace, "    %.*s\n", (int)k, p);
                p += k + (nl != NULL);
            }
        }
        if (pl_sandbox_spent(sb) || st != LUA_OK)
            pl_buf_puts(&e->trace, "  verdict: error (see the report)\n");
        else if (run->nfindings)
            pl_buf_printf(&e->trace, "  verdict: fail, %zu finding%s\n", run->nfindings,
                          run->nfindings == 1 ? "" : "s");
        else
            pl_buf_puts(&e->trace, "  verdict: pass (report was never called)\n");
    }

    if (pl_sandbox_spent(sb)) {
        char msg[128];
        limit_message(msg, sizeof msg, sb, &e->limits);
        rule_error(res, r, doc, msg, run->nfindings);
    } else if (st != LUA_OK) {
        char *msg = pl_sandbox_error_text(L, -1, 2048);
        rule_error(res, r, doc, msg, run->nfindings);
        free(msg);
    } else if (run->nfindings) {
        char msg[200];
        if (run->dropped)
            snprintf(msg, sizeof msg,
                     "output cut: %zu more findings were dropped (limit: %zu per rule and input)",
                     run->dropped, e->limits.max_findings);
        pl_results_add_verdict(res, r->meta.id, doc->path, PL_VERDICT_FAIL,
                               run->dropped ? msg : NULL, run->nfindings);
    } else {
        pl_results_add_verdict(res, r->meta.id, doc->path, PL_VERDICT_PASS, NULL, 0);
    }
    if (pl_sandbox_spent(sb)) {
        pl_sandbox_free(sb);
        b->sb = NULL;
        return;
    }
    lua_settop(L, top);
}

static const char *kind_name(pl_doc_kind k) {
    return k == PL_DOC_DOCKERFILE ? "dockerfile" : k == PL_DOC_IMAGE ? "image" : NULL;
}

/* --verbose: what the rule printed on this document (the log past `from`), as a note. The
 * log is already escaped and bounded by the sandbox. */
static void print_note(pl_results *res, const pl_rule *r, const pl_document *doc, size_t from) {
    size_t n = r->log.len - from;
    while (n && r->log.data[from + n - 1] == '\n')
        n--;
    pl_buf msg;
    pl_buf_init(&msg);
    pl_buf_puts(&msg, "print: ");
    pl_buf_append(&msg, r->log.data + from, n);
    pl_results_add_note(res, doc->path, 0, 0, r->meta.id, msg.data);
    pl_buf_free(&msg);
}

/* The document's tables stay live while every rule of the bundle runs, and the garbage
 * rules make must fit in what the memory limit leaves beside them. Lua's default pause
 * starts a collection only once memory has doubled, which a model of half the limit
 * never leaves room for: a 10,000-instruction file failed rules on memory that was
 * garbage. So a cycle starts when garbage fills half the room left (never later than the
 * default), with a faster step so that it ends before the limit. A full collection here
 * would cost more than it saves. */
static void pace_collector(pl_sandbox *sb) {
    lua_State *L = sb->L;
    size_t limit = sb->mem_limit;
    size_t live = sb->mem_used ? sb->mem_used : 1;
    size_t target = live + (limit > live ? (limit - live) / 2 : 0);
    size_t pause = target / live >= 2 ? 200 : target * 100 / live;
    if (pause < 110)
        pause = 110;
    lua_gc(L, LUA_GCINC, (int)pause, pause < 200 ? 400 : 100, 0);
}

static void evaluate_bundle(pl_engine *e, pl_bundle *b, const pl_document *doc, const char *kind,
                            pl_results *res) {
    bool ready = false;
    for (size_t i = 0; i < b->nrules; i++) {
        pl_rule *r = b->rules[i];
        if (!r->selected || strcmp(r->meta.input, kind) != 0)
            continue;
        /* a disabled rule is a property of the run, reported once with the rule (its
         * `enabled` and reason), not as a skip verdict for every document */
        if (r->meta.disabled)
            continue;
        if (e->on_start && !e->on_start(e->on_start_ud, r->index))
            continue;
        if (!b->sb) {
            pl_bundle_build(b, NULL);
            ready = false;
        }
        if (!b->sb || r->slot == 0) {
            rule_error(res, r, doc,
                       "the rule's bundle could not be reloaded after an earlier failure", 0);
            continue;
        }
        if (!ready) {
            lua_State *L = b->sb->L;
            pl_sandbox_arm(b->sb, e->limits.instructions);
            lua_pushcfunction(L, push_doc);
            lua_pushlightuserdata(L, (void *)doc);
            int st = lua_pcall(L, 1, 0, 0);
            if (st != LUA_OK || pl_sandbox_spent(b->sb)) {
                char lim[128], msg[256];
                limit_message(lim, sizeof lim, b->sb, &e->limits);
                snprintf(msg, sizeof msg, "the input does not fit in the rule's sandbox (%s)", lim);
                rule_error(res, r, doc, msg, 0);
                pl_sandbox_free(b->sb);
                b->sb = NULL;
                continue;
            }
            pace_collector(b->sb);
            ready = true;
        }
        size_t logged = r->log.len;
        run_rule(e, b, r, doc, res);
        if (e->verbose && r->log.len > logged)
            print_note(res, r, doc, logged);
        if (!b->sb)
            ready = false;
    }
    if (b->sb) {
        /* let the document's tables go */
        lua_pushnil(b->sb->L);
        lua_rawsetp(b->sb->L, LUA_REGISTRYINDEX, &pl_reg_doc);
    }
}

void pl_engine_set_verbose(pl_engine *e, bool on) {
    e->verbose = on;
}

int pl_engine_trace(pl_engine *e, const char *id, pl_error *err) {
    free(e->trace_id);
    e->trace_id = NULL;
    if (!id)
        return 0;
    for (size_t i = 0; i < e->nrules; i++) {
        const pl_rule_meta *m = &e->rules[i]->meta;
        bool hit = strcmp(m->id, id) == 0;
        for (size_t a = 0; a < m->naliases && !hit; a++)
            hit = strcmp(m->aliases[a], id) == 0;
        if (hit) {
            e->trace_id = strdup(m->id);
            if (!e->trace_id)
                pl_out_of_memory();
            return 0;
        }
    }
    const char *near = pl_engine_suggest_rule(e, id);
    return pl_error_set(err, NULL, 0, 0,
                        "--trace: unknown rule '%s'%s%s%s (plimsoll rules lists the rule ids)", id,
                        near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

const char *pl_engine_trace_text(const pl_engine *e) {
    return e->trace.data ? e->trace.data : "";
}

void pl_engine_on_rule_start(pl_engine *e, pl_rule_start_fn fn, void *ud) {
    e->on_start = fn;
    e->on_start_ud = ud;
}

void pl_engine_evaluate(pl_engine *e, const pl_document *doc, pl_results *res) {
    const char *kind = kind_name(doc->kind);
    if (!kind)
        return;
    if (e->trace_id) {
        for (size_t i = 0; i < e->nrules; i++) {
            const pl_rule *r = e->rules[i];
            if (strcmp(r->meta.id, e->trace_id) != 0)
                continue;
            if (!r->selected || strcmp(r->meta.input, kind) != 0)
                pl_buf_printf(&e->trace, "trace: %s on %s\n  skipped: %s%s input, not %s\n",
                              r->meta.id, doc->path ? doc->path : "(input)",
                              r->selected ? "the rule reads "
                                          : "the rule is not selected; it reads ",
                              r->meta.input, kind);
        }
    }
    for (size_t i = 0; i < e->nbundles; i++)
        evaluate_bundle(e, e->bundles[i], doc, kind, res);
}
