/* bridge.c — the C model as the Lua tables of docs/input-model.md.
 *
 * The only place where C structs become Lua values. Each struct has a field table beside
 * it ({name, type, offset}) read by one generic pusher, so the mapping reads like the
 * schema it implements; derived fields (form, flags, mounts, stage.user, env maps...)
 * follow in code. Every table is handed out as a read-only proxy (sandbox.c), built
 * once per document and shared by the bundle's rules. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <lauxlib.h>

#include "engine_internal.h"

const char pl_reg_mt_dockerfile, pl_reg_mt_stage, pl_reg_mt_instruction, pl_reg_mt_command,
    pl_reg_mt_image;

typedef enum {
    F_STR,    /* const char *; nil when NULL */
    F_LSTR,   /* const char * at off with its size_t length at off2 (NUL bytes are data) */
    F_STR_OR, /* const char * at off, falling back to the one at off2 */
    F_INT,    /* int */
    F_INT_NZ, /* int; nil when 0 */
    F_BOOL,   /* bool */
    F_STRS,   /* const char ** at off, size_t count at off2 */
    F_INTS,   /* int * at off, size_t count at off2 */
} field_type;

typedef struct pl_field {
    const char *name;
    field_type type;
    size_t off, off2;
} pl_field;

#define AT(base, off, T) (*(T const *)((const char *)(base) + (off)))

/* Pushes s[0..len): a text with NUL bytes reaches Lua whole. A producer that left len
 * at 0 (hand-built models) gets strlen, which is the same for a truly empty string. */
static void push_lstr(lua_State *L, const char *s, size_t len) {
    lua_pushlstring(L, s, len ? len : strlen(s));
}

static const char reg_empty; /* the one empty read-only table of the state */

/* Most lists and maps of the model are empty (comments, flags, heredocs, redirects...).
 * A read-only proxy costs a few hundred bytes, so they all share one: on a file of
 * 10,000 instructions that is most of the model's memory. */
static void push_empty(lua_State *L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_empty) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 0);
    pl_sandbox_protect(L, true);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_empty);
}

/* lens (may be NULL) gives each item's length. */
static void push_lstr_list(lua_State *L, const char *const *items, const size_t *lens, size_t n) {
    if (n == 0) {
        push_empty(L);
        return;
    }
    lua_createtable(L, (int)(n < 1u << 24 ? n : 0), 0);
    for (size_t i = 0; i < n; i++) {
        if (items[i])
            push_lstr(L, items[i], lens ? lens[i] : 0);
        else
            lua_pushliteral(L, "");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
}

static void push_str_list(lua_State *L, const char *const *items, size_t n) {
    push_lstr_list(L, items, NULL, n);
}

/* Sets the fields of the table at the top from base. */
static void set_fields(lua_State *L, const void *base, const pl_field *f) {
    luaL_checkstack(L, 6, "bridge");
    for (; f->name; f++) {
        switch (f->type) {
        case F_STR: {
            const char *s = AT(base, f->off, const char *);
            if (!s)
                continue;
            lua_pushstring(L, s);
            break;
        }
        case F_LSTR: {
            const char *s = AT(base, f->off, const char *);
            if (!s)
                continue;
            push_lstr(L, s, AT(base, f->off2, size_t));
            break;
        }
        case F_STR_OR: {
            const char *s = AT(base, f->off, const char *);
            if (!s)
                s = AT(base, f->off2, const char *);
            if (!s)
                continue;
            lua_pushstring(L, s);
            break;
        }
        case F_INT: lua_pushinteger(L, AT(base, f->off, int)); break;
        case F_INT_NZ:
            if (AT(base, f->off, int) == 0)
                continue;
            lua_pushinteger(L, AT(base, f->off, int));
            break;
        case F_BOOL: lua_pushboolean(L, AT(base, f->off, bool)); break;
        case F_STRS:
            push_str_list(L, AT(base, f->off, const char *const *), AT(base, f->off2, size_t));
            break;
        case F_INTS: {
            const int *v = AT(base, f->off, const int *);
            size_t n = AT(base, f->off2, size_t);
            if (n == 0) {
                push_empty(L);
                break;
            }
            lua_createtable(L, (int)n, 0);
            for (size_t i = 0; i < n; i++) {
                lua_pushinteger(L, v[i]);
                lua_rawseti(L, -2, (lua_Integer)i + 1);
            }
            pl_sandbox_protect(L, true);
            break;
        }
        }
        lua_setfield(L, -2, f->name);
    }
}

/* A new table with the fields of base, read-only. */
static void push_struct(lua_State *L, const void *base, const pl_field *f, int nrec) {
    lua_createtable(L, 0, nrec);
    set_fields(L, base, f);
    pl_sandbox_protect(L, true);
}

/* ---- Dockerfile ------------------------------------------------------------------ */

static const pl_field instruction_fields[] = {
    {"cmd", F_LSTR, offsetof(pl_df_instruction, cmd), offsetof(pl_df_instruction, cmd_len)},
    {"keyword", F_LSTR, offsetof(pl_df_instruction, keyword),
     offsetof(pl_df_instruction, keyword_len)},
    {"known", F_BOOL, offsetof(pl_df_instruction, known), 0},
    {"line", F_INT, offsetof(pl_df_instruction, line), 0},
    {"end_line", F_INT, offsetof(pl_df_instruction, end_line), 0},
    {"column", F_INT_NZ, offsetof(pl_df_instruction, column), 0},
    {"index", F_INT, offsetof(pl_df_instruction, index), 0},
    {"stage", F_INT, offsetof(pl_df_instruction, stage), 0},
    {"raw", F_LSTR, offsetof(pl_df_instruction, raw), offsetof(pl_df_instruction, raw_len)},
    {"value", F_LSTR, offsetof(pl_df_instruction, value), offsetof(pl_df_instruction, value_len)},
    {"comments", F_STRS, offsetof(pl_df_instruction, comments),
     offsetof(pl_df_instruction, ncomments)},
    {"expanded", F_STR, offsetof(pl_df_instruction, expanded), 0},
    {"unresolved", F_STRS, offsetof(pl_df_instruction, unresolved),
     offsetof(pl_df_instruction, nunresolved)},
    {"posix", F_BOOL, offsetof(pl_df_instruction, posix), 0},
    {"user", F_STR, offsetof(pl_df_instruction, user), 0},
    {"workdir", F_STR, offsetof(pl_df_instruction, workdir), 0},
    /* shell: in fill_instruction, one table per distinct SHELL */
    {NULL, 0, 0, 0},
};

static const pl_field heredoc_fields[] = {
    {"name", F_LSTR, offsetof(pl_df_heredoc, name), offsetof(pl_df_heredoc, name_len)},
    {"body", F_LSTR, offsetof(pl_df_heredoc, body), offsetof(pl_df_heredoc, body_len)},
    {"line", F_INT, offsetof(pl_df_heredoc, line), 0},
    {"end_line", F_INT, offsetof(pl_df_heredoc, end_line), 0},
    {"fd", F_INT, offsetof(pl_df_heredoc, fd), 0},
    {"expand", F_BOOL, offsetof(pl_df_heredoc, expand), 0},
    {"chomp", F_BOOL, offsetof(pl_df_heredoc, chomp), 0},
    {NULL, 0, 0, 0},
};

/* key and value after quote removal and expansion; raw_value as written. */
static const pl_field pair_fields[] = {
    {"key", F_STR_OR, offsetof(pl_df_pair, key_expanded), offsetof(pl_df_pair, key)},
    {"value", F_LSTR, offsetof(pl_df_pair, value_expanded),
     offsetof(pl_df_pair, value_expanded_len)},
    {"raw_value", F_LSTR, offsetof(pl_df_pair, value), offsetof(pl_df_pair, value_len)},
    {NULL, 0, 0, 0},
};

static const pl_field image_ref_fields[] = {
    {"raw", F_STR, offsetof(pl_df_image_ref, raw), 0},
    {"expanded", F_STR, offsetof(pl_df_image_ref, expanded), 0},
    {"registry", F_STR, offsetof(pl_df_image_ref, registry), 0},
    {"repository", F_STR, offsetof(pl_df_image_ref, repository), 0},
    {"image", F_STR, offsetof(pl_df_image_ref, image), 0},
    {"tag", F_STR, offsetof(pl_df_image_ref, tag), 0},
    {"digest", F_STR, offsetof(pl_df_image_ref, digest), 0},
    {"platform", F_STR, offsetof(pl_df_image_ref, platform), 0},
    {"alias", F_STR, offsetof(pl_df_image_ref, alias), 0},
    {"stage", F_INT_NZ, offsetof(pl_df_image_ref, stage), 0},
    {"scratch", F_BOOL, offsetof(pl_df_image_ref, scratch), 0},
    {"name", F_STR, offsetof(pl_df_image_ref, name), 0},
    {NULL, 0, 0, 0},
};

static const pl_field stage_fields[] = {
    {"index", F_INT, offsetof(pl_df_stage, index), 0},
    {"name", F_STR, offsetof(pl_df_stage, name), 0},
    {"line", F_INT, offsetof(pl_df_stage, line), 0},
    {"end_line", F_INT, offsetof(pl_df_stage, end_line), 0},
    {"base_stage", F_INT_NZ, offsetof(pl_df_stage, base_stage), 0},
    {"copies_from", F_INTS, offsetof(pl_df_stage, copies_from),
     offsetof(pl_df_stage, ncopies_from)},
    {"reaches_final", F_BOOL, offsetof(pl_df_stage, reaches_final), 0},
    {"is_final", F_BOOL, offsetof(pl_df_stage, is_final), 0},
    {"ships", F_BOOL, offsetof(pl_df_stage, ships), 0},
    {NULL, 0, 0, 0},
};

static const pl_field command_fields[] = {
    {"argv", F_STRS, offsetof(pl_sh_command, argv), offsetof(pl_sh_command, argc)},
    /* raw: in push_commands, the argv table itself when no word had quotes or escapes */
    {"name", F_STR, offsetof(pl_sh_command, name), 0},
    {"op", F_STR, offsetof(pl_sh_command, op), 0},
    {"line", F_INT, offsetof(pl_sh_command, line), 0},
    {"column", F_INT_NZ, offsetof(pl_sh_command, column), 0},
    {"depth", F_INT, offsetof(pl_sh_command, depth), 0},
    {"subst", F_INT, offsetof(pl_sh_command, subst), 0},
    {"assignments", F_STRS, offsetof(pl_sh_command, assignments),
     offsetof(pl_sh_command, nassignments)},
    {"keyword", F_STR, offsetof(pl_sh_command, keyword), 0},
    {NULL, 0, 0, 0},
};

static const pl_field redirect_fields[] = {
    {"fd", F_INT, offsetof(pl_sh_redirect, fd), 0},
    {"op", F_STR, offsetof(pl_sh_redirect, op), 0},
    {"target", F_STR, offsetof(pl_sh_redirect, target), 0},
    {NULL, 0, 0, 0},
};

static const pl_field comment_fields[] = {
    {"line", F_INT, offsetof(pl_df_comment, line), 0},
    {"text", F_STR, offsetof(pl_df_comment, text), 0},
    {NULL, 0, 0, 0},
};

static const pl_field warning_fields[] = {
    {"line", F_INT, offsetof(pl_df_warning, line), 0},
    {"code", F_STR, offsetof(pl_df_warning, code), 0},
    {"message", F_STR, offsetof(pl_df_warning, message), 0},
    {NULL, 0, 0, 0},
};

static const pl_field directive_fields[] = {
    {"value", F_LSTR, offsetof(pl_df_directive, value), offsetof(pl_df_directive, value_len)},
    {"line", F_INT, offsetof(pl_df_directive, line), 0},
    {NULL, 0, 0, 0},
};

static const pl_field dockerfile_fields[] = {
    {"path", F_STR, offsetof(pl_dockerfile, path), 0},
    {"start_line", F_INT, offsetof(pl_dockerfile, start_line), 0},
    {"end_line", F_INT, offsetof(pl_dockerfile, end_line), 0},
    {"bom", F_BOOL, offsetof(pl_dockerfile, bom), 0},
    {"crlf", F_BOOL, offsetof(pl_dockerfile, crlf), 0},
    {NULL, 0, 0, 0},
};

static void set_metatable(lua_State *L, const char *key) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_setmetatable(L, -2);
}

/* A list of structs, each with one field table, optionally with line set from `line`. */
static void push_struct_list(lua_State *L, const void *items, size_t size, size_t n,
                             const pl_field *f, int line) {
    if (n == 0) {
        push_empty(L);
        return;
    }
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 6);
        set_fields(L, (const char *)items + i * size, f);
        if (line > 0) {
            lua_pushinteger(L, line);
            lua_setfield(L, -2, "line");
        }
        pl_sandbox_protect(L, true);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
}

static bool form_applies(const char *cmd) {
    static const char *const with_form[] = {"run",   "cmd",         "entrypoint",
                                            "shell", "healthcheck", NULL};
    for (int i = 0; cmd && with_form[i]; i++)
        if (strcmp(cmd, with_form[i]) == 0)
            return true;
    return false;
}

/* One --mount as the analysis read it (BuildKit's parseMount): each field under its
 * lowercased key (a bare key is true, the last of repeats wins), then what BuildKit
 * decides: type ("bind" by default), target and source under every alias, and error
 * when BuildKit would reject the mount. */
static void push_mount(lua_State *L, const pl_df_mount *m) {
    lua_createtable(L, 0, 6);
    for (size_t i = 0; i < m->nfields; i++) {
        if (m->values[i])
            lua_pushstring(L, m->values[i]);
        else
            lua_pushboolean(L, 1);
        lua_setfield(L, -2, m->keys[i]);
    }
    const char *derived[][2] = {
        {"type", m->type}, {"target", m->target}, {"source", m->source}, {"error", m->error}};
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
        if (!derived[i][1])
            continue;
        lua_pushstring(L, derived[i][1]);
        lua_setfield(L, -2, derived[i][0]);
    }
    pl_sandbox_protect(L, true);
}

static void push_flags(lua_State *L, const pl_df_instruction *in) {
    bool run = in->cmd && pl_df_is(in, "run");
    if (in->nflags == 0) {
        push_empty(L);
        lua_setfield(L, -2, "flags");
        push_empty(L);
        lua_setfield(L, -2, "flag_list");
        if (run) {
            push_empty(L);
            lua_setfield(L, -2, "mounts");
        }
        return;
    }
    /* flags: name -> value (or true), the last of repeats */
    lua_createtable(L, 0, (int)in->nflags);
    for (size_t i = 0; i < in->nflags; i++) {
        if (!in->flags[i].name)
            continue;
        push_lstr(L, in->flags[i].name, in->flags[i].name_len);
        if (in->flags[i].value)
            push_lstr(L, in->flags[i].value, in->flags[i].value_len);
        else
            lua_pushboolean(L, 1);
        lua_rawset(L, -3);
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, -2, "flags");

    lua_createtable(L, (int)in->nflags, 0);
    for (size_t i = 0; i < in->nflags; i++) {
        lua_createtable(L, 0, 3);
        if (in->flags[i].name) {
            push_lstr(L, in->flags[i].name, in->flags[i].name_len);
            lua_setfield(L, -2, "name");
        }
        if (in->flags[i].value) {
            push_lstr(L, in->flags[i].value, in->flags[i].value_len);
            lua_setfield(L, -2, "value");
        }
        if (in->flags[i].raw) {
            push_lstr(L, in->flags[i].raw, in->flags[i].raw_len);
            lua_setfield(L, -2, "raw");
        }
        pl_sandbox_protect(L, true);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, -2, "flag_list");

    if (run) {
        lua_createtable(L, (int)in->nmounts, 0);
        for (size_t i = 0; i < in->nmounts; i++) {
            push_mount(L, &in->mounts[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "mounts");
    }
}

static void push_commands(lua_State *L, const pl_sh_script *sc, int ins_proxy) {
    if (sc->ncommands == 0) {
        push_empty(L);
        return;
    }
    lua_createtable(L, (int)sc->ncommands, 0);
    for (size_t i = 0; i < sc->ncommands; i++) {
        const pl_sh_command *c = &sc->commands[i];
        lua_createtable(L, 0, 12);
        set_fields(L, c, command_fields);
        size_t same = 0;
        while (same < c->argc && c->argv[same] && c->raw[same] &&
               strcmp(c->argv[same], c->raw[same]) == 0)
            same++;
        if (same == c->argc)
            lua_getfield(L, -1, "argv");
        else
            push_str_list(L, c->raw, c->argc);
        lua_setfield(L, -2, "raw");
        if (!c->name) {
            lua_pushliteral(L, "");
            lua_setfield(L, -2, "name");
        }
        push_struct_list(L, c->redirects, sizeof *c->redirects, c->nredirects, redirect_fields, 0);
        lua_setfield(L, -2, "redirects");
        lua_pushvalue(L, ins_proxy);
        lua_setfield(L, -2, "instruction");
        set_metatable(L, &pl_reg_mt_command);
        pl_sandbox_protect(L, true);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
}

/* "name[:group]" of a USER instruction, from the expanded text where known. */
static void push_user_parts(lua_State *L, const pl_df_instruction *in) {
    const char *u = in->expanded ? in->expanded : (in->nargs ? in->args[0] : in->value);
    if (!u)
        return;
    while (*u == ' ' || *u == '\t')
        u++;
    size_t n = strcspn(u, " \t\r\n");
    const char *colon = memchr(u, ':', n);
    lua_pushlstring(L, u, colon ? (size_t)(colon - u) : n);
    lua_setfield(L, -2, "name");
    if (colon) {
        lua_pushlstring(L, colon + 1, n - (size_t)(colon - u) - 1);
        lua_setfield(L, -2, "group");
    }
}

static void push_healthcheck(lua_State *L, const pl_df_instruction *in) {
    lua_createtable(L, 0, 2);
    const char *t = in->nargs ? in->args[0] : in->value;
    bool none = t && strncasecmp(t, "NONE", 4) == 0 && (t[4] == 0 || t[4] == ' ' || t[4] == '\t');
    lua_pushstring(L, none ? "NONE" : "CMD");
    lua_setfield(L, -2, "type");
    lua_createtable(L, 0, (int)in->nflags);
    for (size_t i = 0; i < in->nflags; i++) {
        if (!in->flags[i].name)
            continue;
        if (in->flags[i].value)
            lua_pushstring(L, in->flags[i].value);
        else
            lua_pushboolean(L, 1);
        lua_setfield(L, -2, in->flags[i].name);
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, -2, "options");
    pl_sandbox_protect(L, true);
}

/* Fills the real table behind the instruction proxy at ins_proxy (real at real_idx). */
static void fill_instruction(lua_State *L, const pl_df_instruction *in, int real_idx, int ins_proxy,
                             int shells, int depth) {
    lua_pushvalue(L, real_idx);
    set_fields(L, in, instruction_fields);
    /* every instruction of a stage carries the same SHELL array: one table for each */
    lua_pushlightuserdata(L, (void *)in->shell);
    if (lua_rawget(L, shells) == LUA_TNIL) {
        lua_pop(L, 1);
        push_str_list(L, in->shell, in->nshell);
        lua_pushlightuserdata(L, (void *)in->shell);
        lua_pushvalue(L, -2);
        lua_rawset(L, shells);
    }
    lua_setfield(L, -2, "shell");
    push_lstr_list(L, in->args, in->arg_lens, in->nargs);
    lua_setfield(L, -2, "args");
    const char *cmd = pl_df_key(in);
    if (form_applies(cmd)) {
        lua_pushstring(L, in->json ? "exec" : "shell");
        lua_setfield(L, -2, "form");
    }
    push_flags(L, in);
    push_struct_list(L, in->heredocs, sizeof *in->heredocs, in->nheredocs, heredoc_fields, 0);
    lua_setfield(L, -2, "heredocs");
    push_struct_list(L, in->pairs, sizeof *in->pairs, in->npairs, pair_fields, in->line);
    lua_setfield(L, -2, "pairs");
    if (in->from) {
        lua_createtable(L, 0, 12);
        set_fields(L, in->from, image_ref_fields);
        lua_pushinteger(L, in->line);
        lua_setfield(L, -2, "line");
        pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "from");
    }
    if (in->json) {
        /* HEALTHCHECK CMD ["..."]: the array follows the CMD word */
        size_t skip =
            strcmp(cmd, "healthcheck") == 0 && in->nargs && strcasecmp(in->args[0], "CMD") == 0;
        push_lstr_list(L, in->args + skip, in->arg_lens ? in->arg_lens + skip : NULL,
                       in->nargs - skip);
        lua_setfield(L, -2, "exec");
    }
    if (in->script.ncommands || strcmp(cmd, "run") == 0 || strcmp(cmd, "cmd") == 0 ||
        strcmp(cmd, "entrypoint") == 0 || strcmp(cmd, "healthcheck") == 0) {
        push_commands(L, &in->script, ins_proxy);
        lua_setfield(L, -2, "commands");
    }
    if (strcmp(cmd, "healthcheck") == 0) {
        push_healthcheck(L, in);
        lua_setfield(L, -2, "healthcheck");
    }
    if (strcmp(cmd, "user") == 0)
        push_user_parts(L, in);
    if (in->sub && depth < 4) {
        lua_createtable(L, 0, 24);
        int sreal = lua_gettop(L);
        set_metatable(L, &pl_reg_mt_instruction);
        lua_pushvalue(L, sreal);
        pl_sandbox_protect(L, true);
        int sproxy = lua_gettop(L);
        fill_instruction(L, in->sub, sreal, sproxy, shells, depth + 1);
        lua_setfield(L, -3, "sub");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* df.context: nil when unknown; dockerignore nil when the context has no ignore file. */
static void push_context(lua_State *L, const pl_build_context *ctx) {
    luaL_checkstack(L, 8, "bridge");
    lua_createtable(L, 0, 2);
    lua_pushstring(L, ctx->dir ? ctx->dir : ".");
    lua_setfield(L, -2, "dir");
    if (ctx->dockerignore) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, ctx->dockerignore);
        lua_setfield(L, -2, "path");
        lua_createtable(L, (int)ctx->npatterns, 0);
        for (size_t i = 0; i < ctx->npatterns; i++) {
            lua_createtable(L, 0, 3);
            lua_pushstring(L, ctx->patterns[i].pattern ? ctx->patterns[i].pattern : "");
            lua_setfield(L, -2, "pattern");
            lua_pushboolean(L, ctx->patterns[i].negate);
            lua_setfield(L, -2, "negate");
            lua_pushinteger(L, ctx->patterns[i].line);
            lua_setfield(L, -2, "line");
            pl_sandbox_protect(L, true);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "patterns");
        pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "dockerignore");
    }
    pl_sandbox_protect(L, true);
}

static void push_dockerfile(lua_State *L, const pl_document *doc, const pl_dockerfile *df) {
    luaL_checkstack(L, 24, "bridge");
    lua_createtable(L, 0, 16);
    int real = lua_gettop(L);
    set_metatable(L, &pl_reg_mt_dockerfile);
    set_fields(L, df, dockerfile_fields);
    lua_pushliteral(L, "dockerfile");
    lua_setfield(L, real, "kind");
    if (doc->path) {
        lua_pushstring(L, doc->path);
        lua_setfield(L, real, "path");
    }
    char esc[2] = {df->escape ? df->escape : '\\', 0};
    lua_pushstring(L, esc);
    lua_setfield(L, real, "escape");

    lua_createtable(L, 0, (int)df->ndirectives);
    for (size_t i = 0; i < df->ndirectives; i++) {
        if (!df->directives[i].name)
            continue;
        push_struct(L, &df->directives[i], directive_fields, 2);
        lua_setfield(L, -2, df->directives[i].name);
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, real, "directives");

    /* global ARGs: the line is that of the ARG instruction (before the first FROM) that
     * declares the key, looked up in one pass (a search per ARG was quadratic) */
    lua_createtable(L, 0, (int)df->nglobal_args);
    int lines = lua_gettop(L);
    for (size_t k = 0; k < df->ninstructions && df->nglobal_args; k++) {
        const pl_df_instruction *in = &df->instructions[k];
        if (in->stage != 0 || !pl_df_is(in, "arg"))
            continue;
        for (size_t p = 0; p < in->npairs; p++) {
            if (!in->pairs[p].key || lua_getfield(L, lines, in->pairs[p].key) != LUA_TNIL) {
                lua_pop(L, 1);
                continue; /* the first declaration wins */
            }
            lua_pop(L, 1);
            lua_pushinteger(L, in->line);
            lua_setfield(L, lines, in->pairs[p].key);
        }
    }
    lua_createtable(L, (int)df->nglobal_args, 0);
    for (size_t i = 0; i < df->nglobal_args; i++) {
        const pl_df_pair *g = &df->global_args[i];
        lua_createtable(L, 0, 4);
        set_fields(L, g, pair_fields);
        if (g->key && lua_getfield(L, lines, g->key) != LUA_TNIL)
            lua_setfield(L, -2, "line");
        else
            lua_pop(L, 1);
        pl_sandbox_protect(L, true);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, real, "global_args");
    lua_pop(L, 1); /* lines */
    push_struct_list(L, df->comments, sizeof *df->comments, df->ncomments, comment_fields, 0);
    lua_setfield(L, real, "comments");
    push_struct_list(L, df->warnings, sizeof *df->warnings, df->nwarnings, warning_fields, 0);
    lua_setfield(L, real, "warnings");

    /* Instructions first (stages refer to them): a list of proxies, filled in place so
     * that each command can point back at its instruction's proxy. */
    lua_createtable(L, 0, 4);
    int shells = lua_gettop(L); /* SHELL array (light userdata) -> its table */
    lua_createtable(L, (int)df->ninstructions, 0);
    int ilist = lua_gettop(L);
    for (size_t i = 0; i < df->ninstructions; i++) {
        lua_createtable(L, 0, 24);
        int ireal = lua_gettop(L);
        set_metatable(L, &pl_reg_mt_instruction);
        lua_pushvalue(L, ireal);
        pl_sandbox_protect(L, true);
        int iproxy = lua_gettop(L);
        fill_instruction(L, &df->instructions[i], ireal, iproxy, shells, 0);
        lua_rawseti(L, ilist, (lua_Integer)i + 1);
        lua_pop(L, 1);
    }

    lua_createtable(L, (int)df->nstages, 0);
    int slist = lua_gettop(L);
    for (size_t s = 0; s < df->nstages; s++) {
        const pl_df_stage *st = &df->stages[s];
        lua_createtable(L, 0, 14);
        set_metatable(L, &pl_reg_mt_stage);
        set_fields(L, st, stage_fields);
        size_t first = st->first, count = st->count;
        if (first > df->ninstructions)
            first = df->ninstructions;
        if (count > df->ninstructions - first)
            count = df->ninstructions - first;
        lua_createtable(L, (int)count, 0);
        for (size_t k = 0; k < count; k++) {
            lua_rawgeti(L, ilist, (lua_Integer)(first + k) + 1);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "instructions");
        if (count > 0) {
            lua_rawgeti(L, ilist, (lua_Integer)first + 1);
            if (pl_sandbox_unproxy(L, -1)) {
                lua_getfield(L, -1, "from");
                lua_setfield(L, -4, "from");
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
            const pl_df_instruction *last = &df->instructions[first + count - 1];
            if (last->workdir) {
                lua_pushstring(L, last->workdir);
                lua_setfield(L, -2, "workdir");
            }
        }
        size_t u = df->stages[s].user;
        if (u) {
            lua_rawgeti(L, ilist, (lua_Integer)u);
            lua_setfield(L, -2, "user");
        }
        pl_sandbox_protect(L, true);
        lua_rawseti(L, slist, (lua_Integer)s + 1);
    }
    if (df->nstages) {
        lua_rawgeti(L, slist, (lua_Integer)df->nstages);
        lua_setfield(L, real, "final");
    }
    pl_sandbox_protect(L, true);
    lua_setfield(L, real, "stages");
    pl_sandbox_protect(L, true);
    lua_setfield(L, real, "instructions");
    lua_settop(L, real);
    if (doc->context) {
        push_context(L, doc->context);
        lua_setfield(L, real, "context");
    }
    pl_sandbox_protect(L, true);
}

/* ---- image ---------------------------------------------------------------------- */

static const pl_field loc_fields[] = {
    {"pointer", F_STR, offsetof(pl_json_loc, pointer), 0},
    {"line", F_INT_NZ, offsetof(pl_json_loc, line), 0},
    {"column", F_INT_NZ, offsetof(pl_json_loc, column), 0},
    {NULL, 0, 0, 0},
};

static const pl_field image_fields[] = {
    {"format", F_STR, offsetof(pl_image, format), 0},
    {"element", F_INT, offsetof(pl_image, element), 0},
    {"id", F_STR, offsetof(pl_image, id), 0},
    {"architecture", F_STR, offsetof(pl_image, architecture), 0},
    {"os", F_STR, offsetof(pl_image, os), 0},
    {"variant", F_STR, offsetof(pl_image, variant), 0},
    {"created", F_STR, offsetof(pl_image, created), 0},
    {"author", F_STR, offsetof(pl_image, author), 0},
    {NULL, 0, 0, 0},
};

static const pl_field kv_fields[] = {
    {"key", F_STR, offsetof(pl_image_kv, key), 0},
    {"value", F_STR, offsetof(pl_image_kv, value), 0},
    {"raw", F_STR, offsetof(pl_image_kv, raw), 0},
    {NULL, 0, 0, 0},
};

static const pl_field history_fields[] = {
    {"created", F_STR, offsetof(pl_image_history, created), 0},
    {"created_by", F_STR, offsetof(pl_image_history, created_by), 0},
    {"author", F_STR, offsetof(pl_image_history, author), 0},
    {"comment", F_STR, offsetof(pl_image_history, comment), 0},
    {"empty_layer", F_BOOL, offsetof(pl_image_history, empty_layer), 0},
    {"diff_id", F_STR, offsetof(pl_image_history, diff_id), 0},
    {NULL, 0, 0, 0},
};

static void push_loc(lua_State *L, const pl_json_loc *loc) {
    lua_createtable(L, 0, 3);
    set_fields(L, loc, loc_fields);
    pl_sandbox_protect(L, true);
}

/* { value =, pointer =, line =, column = }, or nothing when the value is absent. */
static bool push_value(lua_State *L, const pl_image_str *v) {
    if (!v->value)
        return false;
    lua_createtable(L, 0, 4);
    lua_pushstring(L, v->value);
    lua_setfield(L, -2, "value");
    set_fields(L, &v->loc, loc_fields);
    pl_sandbox_protect(L, true);
    return true;
}

/* { pointer =, line =, column =, [1] = "...", ... }, or nothing when absent. */
static bool push_list(lua_State *L, const pl_image_list *l) {
    if (!l->present)
        return false;
    lua_createtable(L, (int)l->n, 3);
    for (size_t i = 0; i < l->n; i++) {
        lua_pushstring(L, l->items[i].value ? l->items[i].value : "");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    set_fields(L, &l->loc, loc_fields);
    pl_sandbox_protect(L, true);
    return true;
}

static void push_kv_list(lua_State *L, const pl_image_kv *kv, size_t n) {
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 6);
        set_fields(L, &kv[i], kv_fields);
        set_fields(L, &kv[i].loc, loc_fields);
        pl_sandbox_protect(L, true);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pl_sandbox_protect(L, true);
}

static void push_kv_map(lua_State *L, const pl_image_kv *kv, size_t n) {
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        if (!kv[i].key || !kv[i].value)
            continue;
        lua_pushstring(L, kv[i].value);
        lua_setfield(L, -2, kv[i].key);
    }
    pl_sandbox_protect(L, true);
}

static void set_seconds(lua_State *L, const char *name, int64_t ns) {
    if (ns == 0)
        return;
    lua_pushnumber(L, (lua_Number)ns / 1e9);
    lua_setfield(L, -2, name);
}

static void push_image(lua_State *L, const pl_document *doc, const pl_image *im) {
    luaL_checkstack(L, 16, "bridge");
    lua_createtable(L, 0, 32);
    int real = lua_gettop(L);
    set_metatable(L, &pl_reg_mt_image);
    set_fields(L, im, image_fields);
    lua_pushliteral(L, "image");
    lua_setfield(L, real, "kind");
    const char *path = doc->path ? doc->path : im->path;
    if (path) {
        lua_pushstring(L, path);
        lua_setfield(L, real, "path");
    }
    push_loc(L, &im->config_loc);
    lua_setfield(L, real, "config");
    static const struct {
        const char *name;
        size_t off;
    } values[] = {
        {"user", offsetof(pl_image, user)},
        {"working_dir", offsetof(pl_image, working_dir)},
        {"stop_signal", offsetof(pl_image, stop_signal)},
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        if (push_value(L, (const pl_image_str *)((const char *)im + values[i].off)))
            lua_setfield(L, real, values[i].name);
    static const struct {
        const char *name;
        size_t off;
    } lists[] = {
        {"entrypoint", offsetof(pl_image, entrypoint)},
        {"cmd", offsetof(pl_image, cmd)},
        {"shell", offsetof(pl_image, shell)},
        {"onbuild", offsetof(pl_image, onbuild)},
        {"exposed_ports", offsetof(pl_image, exposed_ports)},
        {"volumes", offsetof(pl_image, volumes)},
        {"diff_ids", offsetof(pl_image, diff_ids)},
        {"repo_tags", offsetof(pl_image, repo_tags)},
        {"repo_digests", offsetof(pl_image, repo_digests)},
        {"legacy_cmd", offsetof(pl_image, legacy_cmd)},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (push_list(L, (const pl_image_list *)((const char *)im + lists[i].off)))
            lua_setfield(L, real, lists[i].name);
    push_kv_map(L, im->env, im->nenv);
    lua_setfield(L, real, "env");
    push_kv_list(L, im->env, im->nenv);
    lua_setfield(L, real, "env_list");
    push_kv_map(L, im->labels, im->nlabels);
    lua_setfield(L, real, "labels");
    push_kv_list(L, im->labels, im->nlabels);
    lua_setfield(L, real, "label_list");
    push_kv_list(L, im->legacy_env, im->nlegacy_env);
    lua_setfield(L, real, "legacy_env");
    if (im->healthcheck) {
        const pl_image_healthcheck *h = im->healthcheck;
        lua_createtable(L, 0, 10);
        if (!push_list(L, &h->test))
            lua_createtable(L, 0, 0), pl_sandbox_protect(L, true);
        lua_setfield(L, -2, "test");
        set_seconds(L, "interval", h->interval_ns);
        set_seconds(L, "timeout", h->timeout_ns);
        set_seconds(L, "start_period", h->start_period_ns);
        set_seconds(L, "start_interval", h->start_interval_ns);
        if (h->retries) {
            lua_pushinteger(L, h->retries);
            lua_setfield(L, -2, "retries");
        }
        set_fields(L, &h->loc, loc_fields);
        pl_sandbox_protect(L, true);
        lua_setfield(L, real, "healthcheck");
    }
    if (im->has_history) {
        lua_createtable(L, (int)im->nhistory, 0);
        for (size_t i = 0; i < im->nhistory; i++) {
            lua_createtable(L, 0, 9);
            set_fields(L, &im->history[i], history_fields);
            set_fields(L, &im->history[i].loc, loc_fields);
            pl_sandbox_protect(L, true);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        pl_sandbox_protect(L, true);
        lua_setfield(L, real, "history");
    }
    lua_settop(L, real);
    pl_sandbox_protect(L, true);
}

/* The table of a split reference; run under lua_pcall, since a memory limit may strike
 * while it is built and the reference's arena must be freed either way. */
static int push_split_ref(lua_State *L) {
    const pl_df_image_ref *r = lua_touserdata(L, 1);
    const struct {
        const char *key, *value;
    } fields[] = {{"raw", r->raw},           {"image", r->image},
                  {"registry", r->registry}, {"repository", r->repository},
                  {"name", r->name},         {"tag", r->tag},
                  {"digest", r->digest}};
    lua_createtable(L, 0, 7);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!fields[i].value)
            continue;
        lua_pushstring(L, fields[i].value);
        lua_setfield(L, -2, fields[i].key);
    }
    return 1;
}

/* pl.image_ref(str) for the prelude: the analysis's own splitter, as a plain table. */
int pl_bridge_image_ref(lua_State *L) {
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    if (strlen(s) != n) /* a NUL would cut the reference short: refuse, do not guess */
        return luaL_error(L, "pl.image_ref: the reference contains a NUL byte");
    pl_arena a;
    pl_arena_init(&a);
    pl_df_image_ref r;
    memset(&r, 0, sizeof r);
    r.raw = s;
    pl_image_ref_split(&a, s, true, &r);
    lua_pushcfunction(L, push_split_ref);
    lua_pushlightuserdata(L, &r);
    int st = lua_pcall(L, 1, 1, 0);
    pl_arena_free(&a);
    return st == LUA_OK ? 1 : lua_error(L);
}

void pl_bridge_push_document(lua_State *L, const pl_document *doc) {
    if (doc->kind == PL_DOC_DOCKERFILE && doc->dockerfile) {
        push_dockerfile(L, doc, doc->dockerfile);
    } else if (doc->kind == PL_DOC_IMAGE && doc->image) {
        push_image(L, doc, doc->image);
    } else {
        lua_createtable(L, 0, 2);
        lua_pushliteral(L, "unknown");
        lua_setfield(L, -2, "kind");
        if (doc->path) {
            lua_pushstring(L, doc->path);
            lua_setfield(L, -2, "path");
        }
        pl_sandbox_protect(L, true);
    }
}
