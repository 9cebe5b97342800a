/* analyze.c — the dispatch layer over BuildKit's AST: what each instruction means.
 *
 * Walks the instructions in order with BuildKit's variable scoping, expands what
 * BuildKit's dispatcher expands (§9 of the parser notes), splits FROM references, reads
 * shell scripts into commands, tracks the effective USER/WORKDIR/SHELL, and builds the
 * stage graph. What cannot be decided statically is marked NULL, never guessed.
 *
 * Scoping, as BuildKit does it:
 * - ARGs before the first FROM are global: they are in scope in FROM lines (image and
 *   --platform) and in later global ARG defaults, nowhere else.
 * - Each stage starts with no ARGs. `ARG NAME` inside a stage declares NAME; without a
 *   default it takes the global ARG's value when there is one.
 * - The automatic platform ARGs (TARGETPLATFORM, TARGETOS, ..., BUILDVARIANT) are in
 *   scope in FROM lines and global ARGs without a declaration, but inside a stage only
 *   after `ARG TARGETARCH` (then they take the automatic value, whatever the default).
 *   Their values here are those of a linux/amd64 build on a linux/amd64 host.
 * - --build-arg overrides ARG defaults, global and per stage.
 * - ENV overrides an ARG of the same name whatever their order; ENV (not ARG) is
 *   inherited when FROM names an earlier stage.
 * - A stage built on an external image inherits that image's ENV, which we cannot see:
 *   there an unset variable is undecidable rather than empty, and PATH is undecidable.
 *   On scratch, PATH is BuildKit's default. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plimsoll/dockerfile.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static const char *const platform_args[][2] = {
    {"TARGETPLATFORM", "linux/amd64"},
    {"TARGETOS", "linux"},
    {"TARGETARCH", "amd64"},
    {"TARGETVARIANT", ""},
    {"BUILDPLATFORM", "linux/amd64"},
    {"BUILDOS", "linux"},
    {"BUILDARCH", "amd64"},
    {"BUILDVARIANT", ""},
};
enum { NPLATFORM_ARGS = sizeof platform_args / sizeof platform_args[0] };

/* What one stage leaves behind for the stages built on it. */
typedef struct stage_state {
    pl_env envonly; /* ENV set in the stage (and inherited ones) */
    bool external;  /* rooted in an image we cannot see */
    const char *user;
    const char *workdir;
    const char **shell;
    size_t nshell;
} stage_state;

typedef struct an {
    pl_arena *a;
    pl_dockerfile *df;
    const pl_build_args *ba;
    pl_error *err;
    pl_vec warnings; /* pl_df_warning */
    pl_env global;   /* global ARGs + platform ARGs: the scope of FROM */
    pl_vec global_pairs;
    stage_state *states; /* one per stage */
    /* the current stage */
    int stage;    /* 0 before the first FROM */
    pl_env scope; /* ARGs and ENV usable here */
    stage_state cur;
    /* per instruction */
    pl_vec unresolved;
    bool undecidable;
    /* stage names, case-folded, to the first stage (1-based) of each: a search of every
     * earlier stage at each FROM and COPY --from was quadratic in the stages */
    int *names;
    size_t nnames; /* a power of two */
} an;

static const char *platform_value(const char *name) {
    for (int i = 0; i < NPLATFORM_ARGS; i++)
        if (strcmp(platform_args[i][0], name) == 0)
            return platform_args[i][1];
    return NULL;
}

/* --build-arg: the value, or NULL when not given (or given without '='). */
static const char *build_arg(const an *A, const char *name, bool *given) {
    *given = false;
    if (!A->ba)
        return NULL;
    size_t n = strlen(name);
    const char *found = NULL;
    for (size_t i = 0; i < A->ba->n; i++) {
        const char *it = A->ba->items[i];
        if (it && strncmp(it, name, n) == 0 && it[n] == '=') {
            found = it + n + 1; /* later ones win, like the CLI */
            *given = true;
        }
    }
    return found;
}

static void warn(an *A, int line, const char *code, const char *msg) {
    pl_df_warning *w = PL_VEC_PUSH(A->a, &A->warnings, pl_df_warning);
    w->line = line;
    w->code = code;
    w->message = msg;
}

static void note_unresolved(an *A, const char *name) {
    for (size_t i = 0; i < A->unresolved.len; i++)
        if (strcmp(PL_VEC_AT(A->unresolved, const char *, i), name) == 0)
            return;
    *PL_VEC_PUSH(A->a, &A->unresolved, const char *) = name;
}

/* Sorts out what a lexing pass could not resolve: declared-but-undecidable names, and
 * names that are simply unset (undecidable on an external base, a warning either way). */
static bool judge(an *A, const pl_env *env, const pl_lex_info *info, bool external) {
    bool ok = true;
    for (size_t i = 0; i < info->unresolved.len; i++) {
        const char *name = PL_VEC_AT(info->unresolved, const char *, i);
        note_unresolved(A, name);
        const pl_env_var *v = pl_env_get(env, name, strlen(name));
        if (v) {
            ok = false; /* declared, value unknown */
        } else if (external) {
            ok = false;
        }
    }
    return ok;
}

/* ProcessWord on s[0..n) with the given scope. Returns the value (its length in *out_n
 * when out_n is not NULL: NUL bytes are data), or NULL when not decidable. */
static const char *expand_in_n(an *A, const pl_env *env, bool external, const char *s, size_t n,
                               int line, size_t *out_n) {
    if (!s)
        return NULL;
    pl_lex_opts o = {0};
    o.escape = A->df->escape ? A->df->escape : '\\';
    o.env = env;
    pl_lex_info info;
    memset(&info, 0, sizeof info);
    char *out = NULL;
    pl_error e = {0};
    if (pl_lex_word(A->a, s, n, &o, &out, &info, &e) < 0) {
        /* BuildKit would stop here; we keep the model and say why */
        warn(A, line, "expand-error",
             pl_arena_printf(A->a, "cannot expand \"%s\": %s", s, e.message));
        A->undecidable = true;
        return NULL;
    }
    if (!judge(A, env, &info, external)) {
        A->undecidable = true;
        return NULL;
    }
    if (out_n)
        *out_n = info.len;
    return out;
}

static const char *expand_in(an *A, const pl_env *env, bool external, const char *s, int line) {
    return s ? expand_in_n(A, env, external, s, strlen(s), line, NULL) : NULL;
}

static const char *expand(an *A, const char *s, int line) {
    return expand_in(A, &A->scope, A->cur.external, s, line);
}

/* ProcessWords (EXPOSE): appends the words, joined by spaces, to b. */
static bool expand_words(an *A, const char *s, pl_buf *b, int line) {
    pl_lex_opts o = {0};
    o.escape = A->df->escape ? A->df->escape : '\\';
    o.env = &A->scope;
    pl_lex_info info;
    memset(&info, 0, sizeof info);
    pl_vec words = {0};
    pl_error e = {0};
    if (pl_lex_words(A->a, s, strlen(s), &o, &words, &info, &e) < 0) {
        warn(A, line, "expand-error",
             pl_arena_printf(A->a, "cannot expand \"%s\": %s", s, e.message));
        return false;
    }
    if (!judge(A, &A->scope, &info, A->cur.external))
        return false;
    for (size_t i = 0; i < words.len; i++) {
        if (b->len)
            pl_buf_puts(b, " ");
        pl_buf_puts(b, PL_VEC_AT(words, const char *, i));
    }
    return true;
}

static const char *buf_to_arena(an *A, pl_buf *b) {
    const char *s = pl_arena_strndup(A->a, b->data ? b->data : "", b->len);
    pl_buf_free(b);
    return s;
}

/* Warns about every unresolved name that nothing declared. */
static void warn_undefined(an *A, const pl_df_instruction *ins, const pl_env *env) {
    for (size_t i = 0; i < A->unresolved.len; i++) {
        const char *name = PL_VEC_AT(A->unresolved, const char *, i);
        if (pl_env_get(env, name, strlen(name)))
            continue;
        if (platform_value(name) && A->stage > 0)
            warn(A, ins->line, "undefined-var",
                 pl_arena_printf(A->a,
                                 "%s uses $%s, which is not declared in this stage: add "
                                 "`ARG %s` to the stage to get the platform value",
                                 ins->keyword, name, name));
        else
            warn(A, ins->line, "undefined-var",
                 pl_arena_printf(A->a, "%s uses $%s, which no ARG or ENV in scope declares",
                                 ins->keyword, name));
    }
}

/* ---- image references -------------------------------------------------------------- */

static size_t fold_hash(const char *s) {
    size_t h = 1469598103934665603u;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 1099511628211u;
    }
    return h;
}

/* The slot for name: the stage (1-based) whose name it is, or an empty slot. */
static int *name_slot(const an *A, const char *name) {
    size_t mask = A->nnames - 1;
    for (size_t i = fold_hash(name) & mask;; i = (i + 1) & mask) {
        int *slot = &A->names[i];
        if (*slot == 0 || strcasecmp(A->df->stages[*slot - 1].name, name) == 0)
            return slot;
    }
}

static void index_names(an *A) {
    size_t n = 16;
    while (n < 2 * A->df->nstages + 2)
        n *= 2;
    A->names = pl_arena_alloc(A->a, n * sizeof *A->names);
    memset(A->names, 0, n * sizeof *A->names);
    A->nnames = n;
    for (size_t i = 0; i < A->df->nstages; i++) {
        const char *name = A->df->stages[i].name;
        if (!name || !*name)
            continue;
        int *slot = name_slot(A, name);
        if (*slot == 0)
            *slot = (int)i + 1; /* the first stage of a name is the one found */
    }
}

static int find_stage(const an *A, const char *ref, int before, bool by_index) {
    if (!ref || !*ref)
        return 0;
    int s = *name_slot(A, ref);
    if (s > 0 && s <= before)
        return s;
    if (by_index) {
        char *end;
        long v = strtol(ref, &end, 10);
        if (*end == 0 && ref[0] >= '0' && ref[0] <= '9' && v >= 0 && v < before)
            return (int)v + 1;
    }
    return 0;
}

/* A Windows base means the default SHELL is cmd. The OS of an image cannot be seen from
 * here, so this is a guess from what such Dockerfiles always carry: a windows platform,
 * a Windows base image name, or the backtick escape directive. */
static bool windows_hint(const an *A, const pl_df_image_ref *r, const char *name) {
    if (r->platform && strncasecmp(r->platform, "windows", 7) == 0)
        return true;
    if (A->df->escape == '`')
        return true;
    static const char *const marks[] = {"nanoserver", "servercore", "windows/", NULL};
    for (int i = 0; marks[i]; i++)
        for (const char *q = name; *q; q++)
            if (strncasecmp(q, marks[i], strlen(marks[i])) == 0)
                return true;
    return false;
}

static const char *flag_value(const pl_df_instruction *ins, const char *name) {
    const char *v = NULL;
    for (size_t i = 0; i < ins->nflags; i++)
        if (ins->flags[i].name && strcmp(ins->flags[i].name, name) == 0)
            v = ins->flags[i].value ? ins->flags[i].value : "";
    return v;
}

static int do_from(an *A, pl_df_instruction *ins) {
    if (ins->nargs == 0 || !ins->args[0] || !ins->args[0][0])
        return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                            "FROM needs a base image, e.g. `FROM debian:bookworm-slim` "
                            "or `FROM scratch`");
    pl_df_image_ref *r = pl_arena_alloc(A->a, sizeof *r);
    ins->from = r;
    r->raw = ins->args[0];
    if (ins->nargs >= 3 && strcasecmp(ins->args[1], "as") == 0)
        r->alias = ins->args[2];
    A->undecidable = false;
    r->expanded = expand_in(A, &A->global, false, r->raw, ins->line);
    const char *pf = flag_value(ins, "platform");
    if (pf)
        r->platform = expand_in(A, &A->global, false, pf, ins->line);
    if (pf && !r->platform)
        r->platform = pf;
    warn_undefined(A, ins, &A->global);
    ins->expanded = A->undecidable ? NULL : r->expanded;

    int idx = A->stage; /* 1-based index of this stage */
    const char *name = r->expanded ? r->expanded : r->raw;
    r->stage = find_stage(A, name, idx - 1, true);
    if (r->stage) {
        r->image = name;
    } else if (strcasecmp(name, "scratch") == 0) {
        r->scratch = true;
        r->image = name;
    } else {
        pl_image_ref_split(A->a, name, r->expanded != NULL, r);
    }

    /* the new stage's scope */
    memset(&A->scope, 0, sizeof A->scope);
    memset(&A->cur, 0, sizeof A->cur);
    if (r->stage) {
        const stage_state *b = &A->states[r->stage - 1];
        A->cur = *b;
        A->cur.envonly = pl_env_copy(A->a, &b->envonly);
        A->scope = pl_env_copy(A->a, &b->envonly);
    } else {
        A->cur.external = !r->scratch;
        pl_env_set(A->a, &A->cur.envonly, "PATH", r->scratch ? DEFAULT_PATH : NULL);
        pl_env_set(A->a, &A->scope, "PATH", r->scratch ? DEFAULT_PATH : NULL);
        A->cur.workdir = "/";
        static const char *const sh[] = {"/bin/sh", "-c"};
        static const char *const cmd[] = {"cmd", "/S", "/C"};
        bool win = windows_hint(A, r, name);
        A->cur.shell = (const char **)(win ? cmd : sh);
        A->cur.nshell = win ? 3 : 2;
    }
    if (idx >= 1 && (size_t)idx <= A->df->nstages)
        A->df->stages[idx - 1].base_stage = r->stage;
    return 0;
}

/* ---- ARG / ENV / LABEL ------------------------------------------------------------ */

static void do_arg(an *A, pl_df_instruction *ins) {
    bool global = A->stage == 0;
    pl_env *env = global ? &A->global : &A->scope;
    for (size_t i = 0; i < ins->npairs; i++) {
        pl_df_pair *p = &ins->pairs[i];
        p->key_expanded = p->key;
        const char *name = p->key;
        bool given;
        const char *ov = build_arg(A, name, &given);
        const char *auto_v = platform_value(name);
        const char *def = NULL;
        size_t def_n = 0;
        size_t vn = p->value_len ? p->value_len : (p->value ? strlen(p->value) : 0);
        if (p->value)
            def = expand_in_n(A, global ? &A->global : &A->scope, global ? false : A->cur.external,
                              p->value, vn, ins->line, &def_n);
        const char *val;
        if (auto_v)
            val = auto_v;
        else if (given)
            val = ov;
        else if (p->value)
            val = def;
        else if (!global) {
            const pl_env_var *g = pl_env_get(&A->global, name, strlen(name));
            val = g ? g->value : NULL;
        } else {
            val = NULL;
        }
        p->value_expanded = val;
        p->value_expanded_len = val && val == def ? def_n : (val ? strlen(val) : 0);
        /* ENV wins over ARG of the same name, whichever comes first */
        if (global || !pl_env_get(&A->cur.envonly, name, strlen(name)))
            pl_env_set(A->a, env, name, val);
        if (global)
            *PL_VEC_PUSH(A->a, &A->global_pairs, pl_df_pair) = *p;
    }
    warn_undefined(A, ins, global ? &A->global : &A->scope);
}

static int do_env_label(an *A, pl_df_instruction *ins, bool is_env) {
    pl_buf b;
    pl_buf_init(&b);
    bool all = true;
    /* every pair sees the scope from before the instruction, as in BuildKit */
    pl_env before = A->scope;
    for (size_t i = 0; i < ins->npairs; i++) {
        pl_df_pair *p = &ins->pairs[i];
        A->undecidable = false;
        p->key_expanded = expand_in(A, &before, A->cur.external, p->key, ins->line);
        const char *v = p->value ? p->value : "";
        p->value_expanded =
            expand_in_n(A, &before, A->cur.external, v, p->value_len ? p->value_len : strlen(v),
                        ins->line, &p->value_expanded_len);
        if (is_env && ((p->key_expanded && !p->key_expanded[0]) || !p->key || !p->key[0])) {
            pl_buf_free(&b);
            return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                                "ENV names can not be blank: give each value a name, "
                                "e.g. `ENV NAME=value`");
        }
        if (!p->key_expanded || !p->value_expanded) {
            all = false;
        } else {
            if (b.len)
                pl_buf_puts(&b, " ");
            pl_buf_printf(&b, "%s=%s", p->key_expanded, p->value_expanded);
        }
    }
    warn_undefined(A, ins, &before);
    if (is_env) {
        /* in place: a copy of the scope per ENV made a stage of many ENV quadratic */
        for (size_t i = 0; i < ins->npairs; i++) {
            pl_df_pair *p = &ins->pairs[i];
            const char *k = p->key_expanded ? p->key_expanded : p->key;
            pl_env_set(A->a, &A->scope, k, p->value_expanded);
            pl_env_set(A->a, &A->cur.envonly, k, p->value_expanded);
        }
    }
    ins->expanded = all ? buf_to_arena(A, &b) : NULL;
    pl_buf_free(&b);
    return 0;
}

/* ---- scripts ------------------------------------------------------------------- */

static bool is_shell_name(const char *n) {
    static const char *const shells[] = {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", NULL};
    for (int i = 0; shells[i]; i++)
        if (strcmp(n, shells[i]) == 0)
            return true;
    return false;
}

static bool is_posix_shell(const char **shell, size_t n) {
    if (n == 0 || !shell[0])
        return true;
    const char *b = strrchr(shell[0], '/');
    b = b ? b + 1 : shell[0];
    const char *bs = strrchr(b, '\\');
    b = bs ? bs + 1 : b;
    size_t len = strlen(b);
    if (len > 4 && strcasecmp(b + len - 4, ".exe") == 0)
        len -= 4;
    return !((len == 10 && strncasecmp(b, "powershell", 10) == 0) ||
             (len == 4 && strncasecmp(b, "pwsh", 4) == 0) ||
             (len == 3 && strncasecmp(b, "cmd", 3) == 0));
}

/* A heredoc body with a #! line naming something other than a shell runs as that. */
static bool body_is_shell(const char *body) {
    if (strncmp(body, "#!", 2) != 0)
        return true;
    const char *e = body + 2;
    size_t n = strcspn(e, "\n");
    char *line = strndup(e, n);
    if (!line)
        return true;
    bool sh = false;
    char *save = NULL;
    char *w = strtok_r(line, " \t\r", &save);
    while (w) {
        const char *b = strrchr(w, '/');
        b = b ? b + 1 : w;
        if (strcmp(b, "env") != 0 && w[0] != '-') {
            sh = is_shell_name(b);
            break;
        }
        w = strtok_r(NULL, " \t\r", &save);
    }
    free(line);
    return sh;
}

static void append_script(an *A, pl_vec *cmds, bool *complete, const pl_sh_script *s,
                          bool skip_empty) {
    for (size_t i = 0; i < s->ncommands; i++) {
        if (skip_empty && s->commands[i].argc == 0 && s->commands[i].nassignments == 0)
            continue;
        *PL_VEC_PUSH(A->a, cmds, pl_sh_command) = s->commands[i];
    }
    if (!s->complete)
        *complete = false;
}

/* A line map for value + off: segments shifted so that offset 0 is value[off]. */
static pl_line_map shift_map(pl_arena *a, const pl_line_map *m, size_t off) {
    pl_line_map r = {0};
    if (!m || m->n == 0)
        return r;
    size_t *o = pl_arena_alloc(a, m->n * sizeof *o);
    int *l = pl_arena_alloc(a, m->n * sizeof *l);
    int *c = m->columns ? pl_arena_alloc(a, m->n * sizeof *c) : NULL;
    for (size_t i = 0; i < m->n; i++) {
        o[i] = m->offsets[i] > off ? m->offsets[i] - off : 0;
        l[i] = m->lines[i];
        /* a segment that started before off now starts at off, further right */
        if (c)
            c[i] = m->columns[i] + (m->offsets[i] < off ? (int)(off - m->offsets[i]) : 0);
    }
    r.offsets = o;
    r.lines = l;
    r.n = m->n;
    r.columns = c;
    return r;
}

static void read_script(an *A, pl_df_instruction *ins) {
    ins->posix = is_posix_shell(ins->shell, ins->nshell);
    if (!ins->posix || ins->json)
        return;
    const char *cmd = pl_df_key(ins);
    const char *text = ins->value ? ins->value : "";
    size_t off = 0;
    if (strcmp(cmd, "healthcheck") == 0) {
        if (ins->nargs < 2 || strcasecmp(ins->args[0], "cmd") != 0)
            return;
        while (text[off] && !strchr(" \t\r\v\f", text[off]))
            off++;
        while (text[off] && strchr(" \t\r\v\f", text[off]))
            off++;
    } else if (strcmp(cmd, "run") && strcmp(cmd, "cmd") && strcmp(cmd, "entrypoint")) {
        return;
    }
    pl_line_map map = shift_map(A->a, &ins->value_lines, off);
    pl_sh_script line;
    /* the whole value, NUL bytes included: no byte may hide the rest of the script */
    size_t tlen = ins->value && ins->value_len ? ins->value_len : strlen(text);
    pl_sh_parse(A->a, text + off, tlen > off ? tlen - off : 0, &map, ins->line, &line);
    pl_vec cmds = {0};
    bool complete = line.complete;
    if (strcmp(cmd, "run") != 0 || ins->nheredocs == 0) {
        ins->script = line;
        return;
    }
    /* RUN with heredocs: `RUN <<EOF` runs the first body as the script; a shell reading
     * a heredoc on stdin (`RUN bash <<EOF`) runs it too; `RUN python3 <<EOF` does not */
    bool any = false;
    for (size_t i = 0; i < line.ncommands; i++)
        if (line.commands[i].argc > 0 || line.commands[i].nassignments > 0)
            any = true;
    append_script(A, &cmds, &complete, &line, true);
    for (size_t h = 0; h < ins->nheredocs; h++) {
        const pl_df_heredoc *hd = &ins->heredocs[h];
        bool run = false;
        if (!any) {
            run = h == 0;
        } else {
            for (size_t i = 0; i < line.ncommands && !run; i++) {
                const pl_sh_command *c = &line.commands[i];
                if (!is_shell_name(c->name))
                    continue;
                bool dash_c = false;
                for (size_t k = 1; k < c->argc; k++)
                    if (c->argv[k][0] == '-' && c->argv[k][1] != '-' && strchr(c->argv[k], 'c'))
                        dash_c = true;
                for (size_t k = 0; k < c->nredirects && !dash_c; k++)
                    if (c->redirects[k].op[0] == '<' && c->redirects[k].op[1] == '<' &&
                        c->redirects[k].op[2] != '<' && hd->name &&
                        strcmp(c->redirects[k].target, hd->name) == 0 &&
                        (c->redirects[k].fd == -1 || c->redirects[k].fd == 0))
                        run = true;
            }
        }
        if (!run || !hd->body || !body_is_shell(hd->body))
            continue;
        pl_sh_script body;
        pl_sh_parse(A->a, hd->body, hd->body_len ? hd->body_len : strlen(hd->body), NULL, hd->line,
                    &body);
        append_script(A, &cmds, &complete, &body, false);
    }
    ins->script.commands = cmds.items;
    ins->script.ncommands = cmds.len;
    ins->script.complete = complete;
}

/* ---- the rest of the dispatch ----------------------------------------------------- */

/* path.Join(dir, rel) followed by Clean, for WORKDIR. */
static const char *join_clean(pl_arena *a, const char *dir, const char *rel) {
    char *joined = pl_arena_printf(a, "/%s/%s", dir ? dir : "", rel);
    size_t n = strlen(joined);
    char *out = pl_arena_alloc(a, n + 2);
    size_t k = 0;
    const char *p = joined;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 1 && p[0] == '.') {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (k > 0 && out[k - 1] != '/')
                k--;
            if (k > 0)
                k--;
        } else {
            out[k++] = '/';
            memcpy(out + k, p, len);
            k += len;
        }
        p += len;
    }
    if (k == 0)
        out[k++] = '/';
    out[k] = 0;
    return out;
}

static void add_copy_from(an *A, pl_vec *deps, const char *ref) {
    int s = find_stage(A, ref, (int)A->df->nstages, true);
    if (!s || s == A->stage)
        return;
    /* an index names an earlier stage only */
    if (ref[0] >= '0' && ref[0] <= '9' &&
        !(A->df->stages[s - 1].name && strcasecmp(A->df->stages[s - 1].name, ref) == 0) &&
        s >= A->stage)
        return;
    for (size_t i = 0; i < deps->len; i++)
        if (PL_VEC_AT(*deps, int, i) == s)
            return;
    *PL_VEC_PUSH(A->a, deps, int) = s;
}

/* The expander BuildKit hands parseMount: each value on its own, in the stage's scope. */
typedef struct mount_ctx {
    an *A;
    int line;
} mount_ctx;

static const char *mount_expand(void *ctx, const char *s, size_t n) {
    mount_ctx *c = ctx;
    return expand_in_n(c->A, &c->A->scope, c->A->cur.external, s, n, c->line, NULL);
}

static int dispatch(an *A, pl_df_instruction *ins, pl_vec *deps) {
    const char *cmd = pl_df_key(ins);
    A->unresolved = (pl_vec){0};
    A->undecidable = false;
    int rc = 0;
    if (strcmp(cmd, "from") == 0) {
        rc = do_from(A, ins);
    } else if (strcmp(cmd, "arg") == 0) {
        do_arg(A, ins);
    } else if (A->stage == 0) {
        /* only ARG may precede FROM: reject() has refused the rest */
    } else if (strcmp(cmd, "env") == 0 || strcmp(cmd, "label") == 0) {
        rc = do_env_label(A, ins, cmd[0] == 'e');
    } else if (!strcmp(cmd, "workdir") || !strcmp(cmd, "user") || !strcmp(cmd, "stopsignal")) {
        const char *v = ins->nargs ? expand(A, ins->args[0], ins->line) : NULL;
        ins->expanded = v;
        const char *eff = v ? v : (ins->nargs ? ins->args[0] : NULL);
        if (cmd[0] == 'w' && eff)
            A->cur.workdir = eff[0] == '/' ? eff : join_clean(A->a, A->cur.workdir, eff);
        else if (cmd[0] == 'u')
            A->cur.user = eff;
        warn_undefined(A, ins, &A->scope);
    } else if (!strcmp(cmd, "volume") || !strcmp(cmd, "add") || !strcmp(cmd, "copy") ||
               !strcmp(cmd, "expose")) {
        pl_buf b;
        pl_buf_init(&b);
        bool ok = true;
        for (size_t i = 0; i < ins->nargs; i++) {
            if (cmd[0] == 'e') {
                ok &= expand_words(A, ins->args[i], &b, ins->line);
                continue;
            }
            const char *v = expand(A, ins->args[i], ins->line);
            if (!v) {
                ok = false;
                continue;
            }
            if (b.len)
                pl_buf_puts(&b, " ");
            pl_buf_puts(&b, v);
        }
        static const char *const xflags[] = {"chown", "chmod", "checksum", "from", NULL};
        for (int k = 0; xflags[k] && cmd[0] != 'v' && cmd[0] != 'e'; k++) {
            const char *f = flag_value(ins, xflags[k]);
            if (!f)
                continue;
            const char *v = expand(A, f, ins->line);
            if (k == 3)
                add_copy_from(A, deps, v ? v : f);
        }
        ins->expanded = ok && !A->undecidable ? buf_to_arena(A, &b) : NULL;
        pl_buf_free(&b);
        warn_undefined(A, ins, &A->scope);
    } else if (strcmp(cmd, "shell") == 0) {
        if (ins->json && ins->nargs > 0) {
            A->cur.shell = ins->args;
            A->cur.nshell = ins->nargs;
        }
    } else if (strcmp(cmd, "run") == 0) {
        pl_vec mounts = {0};
        mount_ctx mc = {A, ins->line};
        for (size_t i = 0; i < ins->nflags; i++) {
            const pl_df_flag *f = &ins->flags[i];
            if (!f->name || strcmp(f->name, "mount") != 0 || !f->value)
                continue;
            pl_df_mount *m = PL_VEC_PUSH(A->a, &mounts, pl_df_mount);
            (void)pl_df_mount_parse(A->a, f->value, f->value_len ? f->value_len : strlen(f->value),
                                    mount_expand, &mc, m);
            if (m->from)
                add_copy_from(A, deps, m->from);
        }
        ins->mounts = mounts.items;
        ins->nmounts = mounts.len;
        warn_undefined(A, ins, &A->scope);
    }
    if (rc < 0)
        return rc;
    ins->user = A->cur.user;
    ins->workdir = A->stage ? A->cur.workdir : NULL;
    ins->shell = A->cur.shell;
    ins->nshell = A->cur.nshell;
    ins->posix = true;
    if (A->stage || strcmp(cmd, "arg"))
        read_script(A, ins);
    if (ins->sub) {
        pl_df_instruction *s = ins->sub;
        s->user = ins->user;
        s->workdir = ins->workdir;
        s->shell = ins->shell;
        s->nshell = ins->nshell;
        read_script(A, s);
    }
    ins->unresolved = A->unresolved.items;
    ins->nunresolved = A->unresolved.len;
    return 0;
}

static void close_stage(an *A, pl_vec *deps) {
    if (A->stage < 1 || (size_t)A->stage > A->df->nstages)
        return;
    A->states[A->stage - 1] = A->cur;
    pl_df_stage *st = &A->df->stages[A->stage - 1];
    st->copies_from = deps->items;
    st->ncopies_from = deps->len;
}

/* ---- what BuildKit refuses before building anything ---------------------------------- */

/* The keywords BuildKit's instruction parser knows (instructions/parse.go). */
static const char *const known_instructions[] = {
    "add",        "arg",         "cmd",    "copy",       "entrypoint", "env", "expose",
    "from",       "healthcheck", "label",  "maintainer", "onbuild",    "run", "shell",
    "stopsignal", "user",        "volume", "workdir",    NULL,
};

static bool is_known(const char *cmd, size_t len) {
    if (!cmd || strlen(cmd) != len) /* a NUL byte inside makes it another word */
        return false;
    for (int i = 0; known_instructions[i]; i++)
        if (strcmp(cmd, known_instructions[i]) == 0)
            return true;
    return false;
}

/* BuildKit's instructions.Parse: an unknown keyword, or anything but ARG before the first
 * FROM, stops the build before it starts. Such a file is an error, never a finding. */
static int reject(an *A, const pl_df_instruction *ins, bool any_known) {
    /* the keyword as shown: at most 40 bytes, a NUL byte as the text \x00 */
    pl_sbuf shown_kw = {0};
    size_t kwlen = ins->keyword ? ins->keyword_len : 0;
    for (size_t i = 0; i < kwlen && i < 40; i++) {
        if (ins->keyword[i])
            pl_sbuf_addc(A->a, &shown_kw, ins->keyword[i]);
        else
            pl_sbuf_add(A->a, &shown_kw, "\\x00", 4);
    }
    const char *kw = pl_sbuf_str(A->a, &shown_kw);
    int shown = (int)strlen(kw);
    const char *more = kwlen > 40 ? "..." : "";
    if (!ins->known) {
        char up[24];
        /* the "did you mean" every unknown name gets (src/core/words.c) */
        const char *guess = pl_suggest(ins->cmd ? ins->cmd : "", known_instructions);
        for (size_t i = 0; guess && i <= strlen(guess); i++)
            up[i] = (char)(guess[i] >= 'a' && guess[i] <= 'z' ? guess[i] - 32 : guess[i]);
        if (guess)
            return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                                "unknown instruction: %.*s%s (did you mean %s?); BuildKit "
                                "refuses to build the file: correct the keyword",
                                shown, kw, more, up);
        if (!any_known)
            return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                                "unknown instruction: %.*s%s; no line of this file is a "
                                "Dockerfile instruction: is it a Dockerfile?",
                                shown, kw, more);
        return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                            "unknown instruction: %.*s%s; BuildKit refuses to build the file: "
                            "use a Dockerfile instruction (FROM, RUN, COPY, ...)",
                            shown, kw, more);
    }
    if (A->stage == 0 && strcmp(ins->cmd, "arg") != 0 && strcmp(ins->cmd, "from") != 0)
        return pl_error_set(A->err, A->df->path, ins->line, ins->column,
                            "no build stage in current context: %.*s%s comes before the first "
                            "FROM, where only ARG may; move it below a FROM",
                            shown, kw, more);
    return 0;
}

int pl_dockerfile_analyze(pl_arena *a, pl_dockerfile *df, const pl_build_args *build_args,
                          pl_error *err) {
    an A;
    memset(&A, 0, sizeof A);
    A.a = a;
    A.df = df;
    A.ba = build_args;
    A.err = err;
    for (size_t i = 0; i < df->nwarnings; i++)
        *PL_VEC_PUSH(a, &A.warnings, pl_df_warning) = df->warnings[i];
    for (int i = 0; i < NPLATFORM_ARGS; i++)
        pl_env_set(a, &A.global, platform_args[i][0], platform_args[i][1]);
    A.states = pl_arena_alloc(a, (df->nstages + 1) * sizeof *A.states);
    index_names(&A);
    pl_vec deps = {0};
    int rc = 0;
    bool any_known = false;
    for (size_t i = 0; i < df->ninstructions; i++) {
        pl_df_instruction *ins = &df->instructions[i];
        ins->known = is_known(ins->cmd, ins->cmd_len);
        if (ins->sub)
            ins->sub->known = is_known(ins->sub->cmd, ins->sub->cmd_len);
        any_known |= ins->known;
    }
    for (size_t i = 0; i < df->ninstructions && rc == 0; i++) {
        pl_df_instruction *ins = &df->instructions[i];
        if (pl_df_is(ins, "from")) {
            close_stage(&A, &deps);
            deps = (pl_vec){0};
            A.stage++;
        }
        rc = reject(&A, ins, any_known);
        if (rc == 0)
            rc = dispatch(&A, ins, &deps);
    }
    if (rc == 0 && df->nstages == 0 && df->ninstructions > 0) {
        const pl_df_instruction *first = &df->instructions[0];
        rc = pl_error_set(err, df->path, first->line, first->column,
                          "dockerfile contains no stages to build: there is no FROM; add one, "
                          "e.g. `FROM debian:bookworm-slim`");
    }
    if (rc == 0)
        close_stage(&A, &deps);

    df->global_args = A.global_pairs.items;
    df->nglobal_args = A.global_pairs.len;
    df->warnings = A.warnings.items;
    df->nwarnings = A.warnings.len;

    /* the graph: walk back from the final stage through bases and copies */
    if (df->nstages > 0) {
        for (size_t i = 0; i < df->nstages; i++) {
            df->stages[i].is_final = i + 1 == df->nstages;
            df->stages[i].reaches_final = false;
        }
        int *todo = pl_arena_alloc(a, (df->nstages + 1) * sizeof *todo);
        size_t n = 0;
        todo[n++] = (int)df->nstages;
        df->stages[df->nstages - 1].reaches_final = true;
        while (n > 0) {
            pl_df_stage *st = &df->stages[todo[--n] - 1];
            int next[1] = {st->base_stage};
            for (size_t k = 0; k <= st->ncopies_from; k++) {
                int s = k == 0 ? next[0] : st->copies_from[k - 1];
                if (s >= 1 && (size_t)s <= df->nstages && !df->stages[s - 1].reaches_final) {
                    df->stages[s - 1].reaches_final = true;
                    todo[n++] = s;
                }
            }
        }
        /* what ships: the final stage and the stages it is built FROM (a stage it only
         * copies from ships none of its layers); a base is always an earlier stage */
        for (int s = (int)df->nstages; s >= 1; s = df->stages[s - 1].base_stage) {
            df->stages[s - 1].ships = true;
            if (df->stages[s - 1].base_stage >= s)
                break;
        }
        /* the effective USER, inherited from the base when the stage sets none; bases come
         * first, so each stage reads its base's answer */
        for (size_t i = 0; i < df->nstages; i++) {
            pl_df_stage *st = &df->stages[i];
            st->user = 0;
            for (size_t k = st->count; k > 0 && !st->user; k--) {
                size_t j = st->first + k - 1;
                if (j < df->ninstructions && pl_df_is(&df->instructions[j], "user"))
                    st->user = j + 1;
            }
            if (!st->user && st->base_stage >= 1 && (size_t)st->base_stage <= i)
                st->user = df->stages[st->base_stage - 1].user;
        }
    }
    return rc;
}
