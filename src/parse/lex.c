/* lex.c — BuildKit's shell word lexer (shell/lex.go): quote removal, $VAR and ${VAR...}
 * expansion, and word splitting, plus the variable scopes and line maps it works with.
 *
 * The scanner walks UTF-8 runes the way Go's text/scanner does: a leading BOM is
 * skipped, an invalid byte is U+FFFD (and is written as U+FFFD, as Go's WriteRune does),
 * a NUL byte is an ordinary character. Rune classes come from gostr.c. Everything it
 * produces lives in the caller's arena; errors come back as values with Go's messages. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "plimsoll/shell.h"

#include "gostr.h"

#define LEX_EOF (-1)
/* ${a:-${b:-...}} recurses once per level; bound it so a hostile line cannot exhaust
 * the stack (BuildKit has no limit, but no real Dockerfile comes near this). */
#define LEX_MAX_DEPTH 200
#define LEX_MATCH_BUDGET ((size_t)5 * 1000 * 1000)

/* ---- variables -------------------------------------------------------------- */

enum { ENV_INDEX_FROM = 8 };

static size_t env_hash(const char *name, size_t n) {
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 1099511628211u;
    return h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t *env_slot(const pl_env *env, const char *name, size_t n) {
    size_t mask = env->nslots - 1;
    for (size_t i = env_hash(name, n) & mask;; i = (i + 1) & mask) {
        size_t *slot = &env->slots[i];
        if (*slot == 0)
            return slot;
        const pl_env_var *v = &PL_VEC_AT(env->vars, pl_env_var, *slot - 1);
        if (strncmp(v->name, name, n) == 0 && v->name[n] == '\0')
            return slot;
    }
}

/* Rebuilds the index at twice the room the variables need. */
static void env_reindex(pl_arena *a, pl_env *env) {
    size_t n = 16;
    while (n < 2 * env->vars.len + 2)
        n *= 2;
    env->slots = pl_arena_alloc(a, n * sizeof *env->slots);
    memset(env->slots, 0, n * sizeof *env->slots);
    env->nslots = n;
    for (size_t i = 0; i < env->vars.len; i++) {
        const char *name = PL_VEC_AT(env->vars, pl_env_var, i).name;
        *env_slot(env, name, strlen(name)) = i + 1;
    }
}

static pl_env_var *env_find(const pl_env *env, const char *name, size_t n) {
    if (env->nslots) {
        size_t slot = *env_slot(env, name, n);
        return slot ? &PL_VEC_AT(env->vars, pl_env_var, slot - 1) : NULL;
    }
    for (size_t i = 0; i < env->vars.len; i++) {
        pl_env_var *v = &PL_VEC_AT(env->vars, pl_env_var, i);
        if (strncmp(v->name, name, n) == 0 && v->name[n] == '\0')
            return v;
    }
    return NULL;
}

void pl_env_set(pl_arena *a, pl_env *env, const char *name, const char *value) {
    size_t n = strlen(name);
    pl_env_var *v = env_find(env, name, n);
    if (v) {
        v->value = value;
        return;
    }
    v = PL_VEC_PUSH(a, &env->vars, pl_env_var);
    v->name = name;
    v->value = value;
    if (env->nslots && 2 * env->vars.len + 2 <= env->nslots)
        *env_slot(env, name, n) = env->vars.len;
    else if (env->vars.len > ENV_INDEX_FROM)
        env_reindex(a, env);
}

const pl_env_var *pl_env_get(const pl_env *env, const char *name, size_t name_len) {
    for (; env; env = env->base) {
        const pl_env_var *v = env_find(env, name, name_len);
        if (v)
            return v;
    }
    return NULL;
}

/* Copies what env sees into c, bases first so that nearer layers win. */
static void env_flatten(pl_arena *a, pl_env *c, const pl_env *env) {
    if (!env)
        return;
    env_flatten(a, c, env->base);
    for (size_t i = 0; i < env->vars.len; i++) {
        const pl_env_var *v = &PL_VEC_AT(env->vars, pl_env_var, i);
        pl_env_set(a, c, v->name, v->value);
    }
}

/* Layers a lookup may walk before a copy flattens them: a deep chain of stages costs a
 * flat copy every ENV_MAX_DEPTH stages, not one per stage. */
enum { ENV_MAX_DEPTH = 64 };

pl_env pl_env_copy(pl_arena *a, const pl_env *env) {
    pl_env c = {{0}, NULL, 0, NULL, 0};
    if (!env)
        return c;
    if (env->depth < ENV_MAX_DEPTH) {
        c.base = env;
        c.depth = env->depth + 1;
    } else {
        env_flatten(a, &c, env);
    }
    return c;
}

/* ---- line maps -------------------------------------------------------------- */

/* The last segment starting at or before offset. */
static size_t map_segment(const pl_line_map *m, size_t offset) {
    size_t lo = 0, hi = m->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->offsets[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int pl_line_map_line(const pl_line_map *m, size_t offset) {
    if (!m || m->n == 0)
        return 0;
    return m->lines[map_segment(m, offset)];
}

int pl_line_map_column(const pl_line_map *m, size_t offset) {
    if (!m || m->n == 0 || !m->columns)
        return 0;
    size_t i = map_segment(m, offset);
    return m->columns[i] + (int)(offset - m->offsets[i]);
}

/* ---- runes ------------------------------------------------------------------ */

/* Decodes one rune as text/scanner does: an invalid byte is U+FFFD with length 1. */
static int32_t rune_at(const char *s, size_t len, size_t pos, size_t *n) {
    return pl_go_decode_rune(s + pos, len - pos, n);
}

static const char replacement[] = "\xEF\xBF\xBD";

/* The bytes Go writes for the rune at s[0..n): U+FFFD for an invalid byte. */
static const char *rune_bytes(const char *s, size_t len, int32_t c, size_t *n) {
    if (c == PL_GO_RUNE_ERROR && *n == 1 && pl_go_invalid_at(s, len)) {
        *n = 3;
        return replacement;
    }
    return s;
}

/* ---- words (wordsStruct) ---------------------------------------------------- */

typedef struct words {
    pl_sbuf word;
    pl_vec *out; /* const char *; NULL when nobody wants words */
    bool in_word;
    pl_vec lens; /* size_t, beside out */
} words;

static void w_raw(pl_arena *a, words *w, const char *s, size_t n) {
    pl_sbuf_add(a, &w->word, s, n);
    w->in_word = true;
}

static void w_flush(pl_arena *a, words *w) {
    if (w->word.len > 0 && w->out) {
        *PL_VEC_PUSH(a, w->out, const char *) = pl_arena_strndup(a, w->word.d, w->word.len);
        *PL_VEC_PUSH(a, &w->lens, size_t) = w->word.len;
    }
    w->word.len = 0;
    w->in_word = false;
}

static void w_char(pl_arena *a, words *w, int32_t c, const char *s, size_t n) {
    if (pl_go_is_space(c)) {
        if (w->in_word && w->word.len != 0)
            w_flush(a, w);
    } else {
        w_raw(a, w, s, n);
    }
}

/* Adds text from an unquoted expansion: its whitespace splits words. */
static void w_string(pl_arena *a, words *w, const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t c = rune_at(s, len, i, &n);
        size_t out = n;
        const char *b = rune_bytes(s + i, len - i, c, &out);
        w_char(a, w, c, b, out);
        i += n;
    }
}

/* ---- the scanner ------------------------------------------------------------ */

typedef struct lexer {
    pl_arena *a;
    const char *s;
    size_t len, pos;
    const pl_lex_opts *o;
    int32_t esc;
    bool raw_escapes;
    bool heredoc_word; /* inside a word glued to "<<" */
    pl_lex_info *info;
    int depth;
    size_t budget; /* pattern-matching steps left: a star pattern on a long value is cubic */
    char msg[256];
} lexer;

static int32_t peek(const lexer *L, size_t *n) {
    size_t dummy;
    if (!n)
        n = &dummy;
    if (L->pos >= L->len) {
        *n = 0;
        return LEX_EOF;
    }
    return rune_at(L->s, L->len, L->pos, n);
}

/* Consumes one rune; bytes and n get what Go would write for it (U+FFFD for an invalid
 * byte), not necessarily the source bytes. */
static int32_t next(lexer *L, const char **bytes, size_t *n) {
    size_t k;
    int32_t c = peek(L, &k);
    size_t out = k;
    const char *b =
        c == LEX_EOF ? L->s + L->pos : rune_bytes(L->s + L->pos, L->len - L->pos, c, &out);
    if (bytes)
        *bytes = b;
    if (n)
        *n = out;
    L->pos += k;
    return c;
}

static int fail(lexer *L, const char *fmt, const char *arg) {
    snprintf(L->msg, sizeof L->msg, fmt, arg ? arg : "");
    return -1;
}

/* getEnv: (value, set). Undecidable (NULL) values count as set and empty. */
static const char *get_env(lexer *L, const char *name, size_t n, bool *set) {
    const pl_env_var *v = pl_env_get(L->o->env, name, n);
    *set = v != NULL;
    if (!v || !v->value) {
        if (L->info) {
            bool seen = false;
            for (size_t i = 0; i < L->info->unresolved.len && !seen; i++) {
                const char *u = PL_VEC_AT(L->info->unresolved, const char *, i);
                seen = strlen(u) == n && memcmp(u, name, n) == 0;
            }
            if (!seen)
                *PL_VEC_PUSH(L->a, &L->info->unresolved, const char *) =
                    pl_arena_strndup(L->a, name, n);
        }
        return "";
    }
    return v->value;
}

static int stop_on(lexer *L, int32_t stop, bool raw_escapes, pl_sbuf *res, words *w);

/* processName: digits run, one special parameter, or letters/digits/_. */
static void read_name(lexer *L, pl_sbuf *name) {
    for (;;) {
        size_t n;
        int32_t c = peek(L, &n);
        if (c == LEX_EOF)
            return;
        if (name->len == 0 && pl_go_is_digit(c)) {
            size_t k;
            while (pl_go_is_digit(peek(L, &k))) {
                pl_sbuf_add(L->a, name, L->s + L->pos, k);
                L->pos += k;
            }
            return;
        }
        if (name->len == 0 && strchr("@*#?-$!0", (int)c) && c < 0x80 && c != 0) {
            pl_sbuf_addc(L->a, name, L->s[L->pos++]);
            return;
        }
        if (!pl_go_is_letter(c) && !pl_go_is_digit(c) && c != '_')
            return;
        pl_sbuf_add(L->a, name, L->s + L->pos, n);
        L->pos += n;
    }
}

/* ---- shell patterns for # % / ---------------------------------------------- */

enum { P_LIT, P_ANY, P_STAR };
typedef struct ptok {
    unsigned char kind, byte;
} ptok;

/* convertShellPatternToRegex, as a token list: * ? literal; \ escapes * ? \, and
 * vanishes before } or /; any other escape is an error. */
static int compile_pattern(lexer *L, const char *p, size_t len, ptok **out, size_t *nout) {
    ptok *t = pl_arena_alloc(L->a, (len + 1) * sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '*') {
            t[n++] = (ptok){P_STAR, 0};
        } else if (c == '?') {
            t[n++] = (ptok){P_ANY, 0};
        } else if (c == '\\') {
            if (i + 1 < len && (p[i + 1] == '}' || p[i + 1] == '/'))
                continue;
            if (i + 1 >= len || (p[i + 1] != '*' && p[i + 1] != '?' && p[i + 1] != '\\')) {
                int plen = len > 150 ? 150 : (int)len;
                if (i + 1 < len)
                    snprintf(L->msg, sizeof L->msg,
                             "invalid pattern (%.*s) in substitution: invalid escape '\\%c'", plen,
                             p, p[i + 1]);
                else
                    snprintf(L->msg, sizeof L->msg,
                             "invalid pattern (%.*s) in substitution: invalid escape '\\'", plen,
                             p);
                return -1;
            }
            t[n++] = (ptok){P_LIT, (unsigned char)p[++i]};
        } else {
            t[n++] = (ptok){P_LIT, (unsigned char)c};
        }
    }
    *out = t;
    *nout = n;
    return 0;
}

static size_t rune_len(const char *s, size_t len, size_t i) {
    size_t n;
    rune_at(s, len, i, &n);
    return n;
}

/* Whole-string glob match, with one backtrack point per star (linear-ish). */
static bool glob_full(const ptok *t, size_t nt, const char *s, size_t len, size_t *budget) {
    size_t ti = 0, si = 0, star_t = SIZE_MAX, star_s = 0;
    while (si < len) {
        if (*budget == 0)
            return false;
        (*budget)--;
        if (ti < nt && t[ti].kind == P_STAR) {
            star_t = ti++;
            star_s = si;
        } else if (ti < nt && t[ti].kind == P_ANY) {
            ti++;
            si += rune_len(s, len, si);
        } else if (ti < nt && t[ti].byte == (unsigned char)s[si]) {
            ti++;
            si++;
        } else if (star_t != SIZE_MAX) {
            ti = star_t + 1;
            star_s += rune_len(s, len, star_s);
            si = star_s;
        } else {
            return false;
        }
    }
    while (ti < nt && t[ti].kind == P_STAR)
        ti++;
    return ti == nt;
}

static bool rune_start(const char *s, size_t len, size_t i) {
    return i == 0 || i == len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* ${V#p} ${V##p} ${V%p} ${V%%p} */
static int trim_match(lexer *L, const char *pat, size_t plen, const char *v, bool suffix,
                      bool greedy, pl_sbuf *res) {
    ptok *t;
    size_t nt;
    if (compile_pattern(L, pat, plen, &t, &nt) < 0)
        return -1;
    size_t n = strlen(v);
    for (size_t step = 0; step <= n; step++) {
        size_t k = greedy ? n - step : step; /* length removed */
        if (!rune_start(v, n, suffix ? n - k : k))
            continue;
        if (suffix ? glob_full(t, nt, v + n - k, k, &L->budget)
                   : glob_full(t, nt, v, k, &L->budget)) {
            if (suffix)
                pl_sbuf_add(L->a, res, v, n - k);
            else
                pl_sbuf_add(L->a, res, v + k, n - k);
            return 0;
        }
    }
    pl_sbuf_add(L->a, res, v, n);
    return 0;
}

/* ${V/p/r} ${V//p/r}: leftmost match, greedy stars, as Go's regexp would find it. */
static int replace_match(lexer *L, const char *pat, size_t plen, const char *rep, const char *v,
                         bool all, pl_sbuf *res) {
    ptok *t;
    size_t nt;
    if (compile_pattern(L, pat, plen, &t, &nt) < 0)
        return -1;
    size_t n = strlen(v), pos = 0, prev_end = SIZE_MAX;
    bool done = false;
    while (!done && pos <= n) {
        size_t ms = SIZE_MAX, me = 0;
        for (size_t s = pos; s <= n && ms == SIZE_MAX; s++) {
            if (!rune_start(v, n, s))
                continue;
            for (size_t e = n + 1; e-- > s;) {
                if (rune_start(v, n, e) && glob_full(t, nt, v + s, e - s, &L->budget)) {
                    if (e == s && s == prev_end)
                        break; /* an empty match right after a match is skipped */
                    ms = s, me = e;
                    break;
                }
            }
        }
        if (ms == SIZE_MAX)
            break;
        pl_sbuf_add(L->a, res, v + pos, ms - pos);
        pl_sbuf_add(L->a, res, rep, strlen(rep));
        prev_end = me;
        if (me == ms) {
            if (ms < n) {
                size_t k = rune_len(v, n, ms);
                pl_sbuf_add(L->a, res, v + ms, k);
                pos = ms + k;
            } else {
                pos = n + 1;
            }
        } else {
            pos = me;
        }
        done = !all;
    }
    if (pos <= n)
        pl_sbuf_add(L->a, res, v + pos, n - pos);
    return 0;
}

/* ---- $ ----------------------------------------------------------------------- */

static int dollar(lexer *L, pl_sbuf *res) {
    pl_arena *a = L->a;
    size_t start = L->pos;
    L->pos++; /* '$' */
    if (peek(L, NULL) != '{') {
        pl_sbuf name = {0};
        read_name(L, &name);
        if (name.len == 0) {
            pl_sbuf_addc(a, res, '$');
            return 0;
        }
        bool set;
        const char *v = get_env(L, name.d, name.len, &set);
        if (!set && L->o->skip_unset_env)
            pl_sbuf_add(a, res, L->s + start, L->pos - start);
        else
            pl_sbuf_add(a, res, v, strlen(v));
        return 0;
    }
    L->pos++; /* '{' */
    int32_t c = peek(L, NULL);
    if (c == LEX_EOF)
        return fail(L, "syntax error: missing '}'", NULL);
    if (c == '{' || c == '}' || c == ':')
        return fail(L, "syntax error: bad substitution", NULL);
    pl_sbuf name = {0};
    read_name(L, &name);
    const char *nm = pl_sbuf_str(a, &name);
    const char *chb;
    size_t chn;
    c = next(L, &chb, &chn);
    char chs[16] = {0};
    if (c != LEX_EOF && chn < 8)
        memcpy(chs, chb, chn);
    bool null_is_unset = false;

    /* BuildKit's lexer fails on a ${...} that has a modifier (any character after the
     * name but '}') inside the word glued to "<<", so heredocsFromLine finds no heredoc
     * on that line at all and the "<<" text stays in the command (the differential
     * against BuildKit's parser shows it for ? - :- % / and the rest); ${X} is fine */
    if (c != '}' && L->heredoc_word)
        return fail(L, "a ${...} modifier inside a heredoc word is not supported", NULL);

    if (c == '}') {
        bool set;
        const char *v = get_env(L, name.d ? name.d : "", name.len, &set);
        if (!set && L->o->skip_unset_env)
            pl_sbuf_add(a, res, L->s + start, L->pos - start);
        else
            pl_sbuf_add(a, res, v, strlen(v));
        return 0;
    }
    if (c == ':') {
        null_is_unset = true;
        c = next(L, &chb, &chn);
        if (c != LEX_EOF && chn < 8)
            memcpy(chs + 1, chb, chn);
        if (c == '#' || c == '%')
            return fail(L, "unsupported modifier (%s) in substitution", chs);
        if (c != '-' && c != '+' && c != '?') {
            /* Go falls through to the modifier code: the word up to '}' is read, and
             * with SkipUnsetEnv an unset name keeps the whole ${...} as literal text
             * (so a heredoc on the same line still counts); otherwise it is an error */
            pl_sbuf word = {0};
            if (++L->depth > LEX_MAX_DEPTH)
                return fail(L, "substitutions nested too deeply", NULL);
            int rc = stop_on(L, '}', false, &word, NULL);
            L->depth--;
            if (rc < 0) {
                if (peek(L, NULL) == LEX_EOF)
                    return fail(L, "syntax error: missing '}'", NULL);
                return -1;
            }
            bool set;
            get_env(L, nm, name.len, &set);
            if (!set && L->o->skip_unset_env) {
                pl_sbuf_add(a, res, L->s + start, L->pos - start);
                return 0;
            }
            return fail(L, "unsupported modifier (%s) in substitution", chs);
        }
        chs[1] = (char)c;
    }
    if (c == '-' || c == '+' || c == '?' || c == '#' || c == '%') {
        bool raw = c == '#' || c == '%';
        pl_sbuf word = {0};
        if (++L->depth > LEX_MAX_DEPTH)
            return fail(L, "substitutions nested too deeply", NULL);
        int rc = stop_on(L, '}', raw, &word, NULL);
        L->depth--;
        if (rc < 0) {
            if (peek(L, NULL) == LEX_EOF)
                return fail(L, "syntax error: missing '}'", NULL);
            return -1;
        }
        const char *wd = pl_sbuf_str(a, &word);
        bool set;
        const char *v = get_env(L, nm, name.len, &set);
        if (!set && L->o->skip_unset_env) {
            pl_sbuf_add(a, res, L->s + start, L->pos - start);
            return 0;
        }
        bool empty_unset = !set || (null_is_unset && v[0] == '\0');
        switch (c) {
        case '-':
            wd = empty_unset ? wd : v;
            pl_sbuf_add(a, res, wd, strlen(wd));
            return 0;
        case '+':
            if (!empty_unset)
                pl_sbuf_add(a, res, wd, strlen(wd));
            return 0;
        case '?':
            if (!set || (null_is_unset && v[0] == '\0')) {
                const char *m = !set ? "is not allowed to be unset" : "is not allowed to be empty";
                snprintf(L->msg, sizeof L->msg, "%.100s: %.120s", nm, wd[0] ? wd : m);
                return -1;
            }
            pl_sbuf_add(a, res, v, strlen(v));
            return 0;
        default: {
            bool greedy = false;
            if (word.len > 0 && wd[0] == (char)c) {
                greedy = true;
                wd++;
            }
            if (trim_match(L, wd, strlen(wd), v, c == '%', greedy, res) < 0)
                return -1;
            return L->budget ? 0 : fail(L, "pattern too costly to match in substitution", NULL);
        }
        }
    }
    if (c == '/') {
        bool all = peek(L, NULL) == '/';
        if (all)
            L->pos++;
        pl_sbuf pat = {0}, rep = {0};
        if (++L->depth > LEX_MAX_DEPTH)
            return fail(L, "substitutions nested too deeply", NULL);
        int rc = stop_on(L, '/', true, &pat, NULL);
        if (rc < 0) {
            L->depth--;
            if (peek(L, NULL) == LEX_EOF)
                return fail(L, "syntax error: missing '/' in ${}", NULL);
            return -1;
        }
        rc = stop_on(L, '}', true, &rep, NULL);
        L->depth--;
        if (rc < 0) {
            if (peek(L, NULL) == LEX_EOF)
                return fail(L, "syntax error: missing '}'", NULL);
            return -1;
        }
        bool set;
        const char *v = get_env(L, nm, name.len, &set);
        if (!set && L->o->skip_unset_env) {
            pl_sbuf_add(a, res, L->s + start, L->pos - start);
            return 0;
        }
        if (replace_match(L, pl_sbuf_str(a, &pat), pat.len, pl_sbuf_str(a, &rep), v, all, res) < 0)
            return -1;
        return L->budget ? 0 : fail(L, "pattern too costly to match in substitution", NULL);
    }
    return fail(L, "unsupported modifier (%s) in substitution", chs);
}

/* ---- quotes ------------------------------------------------------------------ */

static int single_quote(lexer *L, pl_sbuf *res) {
    if (L->o->raw_quotes)
        pl_sbuf_addc(L->a, res, '\'');
    L->pos++;
    for (;;) {
        const char *b;
        size_t n;
        int32_t c = next(L, &b, &n);
        if (c == LEX_EOF)
            return fail(L, "unexpected end of statement while looking for matching single-quote",
                        NULL);
        if (c == '\'') {
            if (L->o->raw_quotes)
                pl_sbuf_addc(L->a, res, '\'');
            return 0;
        }
        pl_sbuf_add(L->a, res, b, n);
    }
}

static int double_quote(lexer *L, pl_sbuf *res) {
    if (L->o->raw_quotes)
        pl_sbuf_addc(L->a, res, '"');
    L->pos++;
    for (;;) {
        int32_t c = peek(L, NULL);
        if (c == LEX_EOF)
            return fail(L, "unexpected end of statement while looking for matching double-quote",
                        NULL);
        if (c == '"') {
            L->pos++;
            if (L->o->raw_quotes)
                pl_sbuf_addc(L->a, res, '"');
            return 0;
        }
        if (c == '$') {
            if (dollar(L, res) < 0)
                return -1;
            continue;
        }
        const char *b;
        size_t n;
        c = next(L, &b, &n);
        if (c == L->esc) {
            if (L->raw_escapes)
                pl_sbuf_add(L->a, res, b, n);
            int32_t p = peek(L, NULL);
            if (p == LEX_EOF)
                continue;
            if (p == '"' || p == '$' || p == L->esc)
                c = next(L, &b, &n);
        }
        pl_sbuf_add(L->a, res, b, n);
    }
}

/* processStopOn: the main loop. res gets the ProcessWord text, w (if any) the words. */
static int stop_on(lexer *L, int32_t stop, bool raw_escapes, pl_sbuf *res, words *w) {
    pl_arena *a = L->a;
    bool saved = L->raw_escapes;
    L->raw_escapes = raw_escapes;
    words local = {{0}, NULL, false, {0}};
    if (!w)
        w = &local;
    int rc = 0;
    for (;;) {
        size_t n;
        int32_t c = peek(L, &n);
        if (c == LEX_EOF)
            break;
        if (stop != LEX_EOF && c == stop) {
            L->pos += n;
            goto out;
        }
        if (c == '$' || (!L->o->skip_process_quotes && (c == '\'' || c == '"'))) {
            pl_sbuf tmp = {0};
            if (L->info && c != '$' && !L->o->raw_quotes)
                L->info->removed_quotes = true;
            rc = c == '$'    ? dollar(L, &tmp)
                 : c == '\'' ? single_quote(L, &tmp)
                             : double_quote(L, &tmp);
            if (rc < 0)
                goto out;
            pl_sbuf_add(a, res, tmp.d, tmp.len);
            if (c == '$')
                w_string(a, w, tmp.d ? tmp.d : "", tmp.len);
            else
                w_raw(a, w, tmp.d, tmp.len);
            continue;
        }
        const char *b;
        c = next(L, &b, &n);
        if (c == L->esc) {
            if (L->raw_escapes) {
                w_raw(a, w, b, n);
                pl_sbuf_add(a, res, b, n);
            }
            c = next(L, &b, &n);
            if (c == LEX_EOF)
                break;
            w_raw(a, w, b, n);
        } else if (c == '<' && peek(L, NULL) == '<') {
            /* "<<" and the blanks after it stay glued to the heredoc word */
            size_t from = L->pos - 1;
            L->pos++;
            while (L->pos < L->len &&
                   (L->s[L->pos] == ' ' || L->s[L->pos] == '\t' || L->s[L->pos] == '\r'))
                L->pos++;
            w_raw(a, w, L->s + from, L->pos - from);
            pl_sbuf_add(a, res, L->s + from, L->pos - from);
            L->heredoc_word = true;
            continue;
        } else {
            if (pl_go_is_space(c))
                L->heredoc_word = false;
            w_char(a, w, c, b, n);
        }
        pl_sbuf_add(a, res, b, n);
    }
    if (stop != LEX_EOF) {
        char s[2] = {(char)stop, 0};
        rc = fail(L, "unexpected end of statement while looking for matching %s", s);
        goto out;
    }
    w_flush(a, w);
out:
    L->raw_escapes = saved;
    return rc;
}

static int lex_run(pl_arena *a, const char *src, size_t len, const pl_lex_opts *o, pl_sbuf *res,
                   pl_vec *out_words, pl_lex_info *info, pl_error *err) {
    static const pl_lex_opts defaults = {'\\', false, false, false, false, NULL};
    if (!o)
        o = &defaults;
    /* text/scanner skips a byte order mark at the very start of its input */
    size_t start = src && len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    lexer L = {.a = a,
               .s = src ? src : "",
               .len = src ? len : 0,
               .pos = start,
               .o = o,
               .esc = (unsigned char)(o->escape ? o->escape : '\\'),
               .raw_escapes = o->raw_escapes,
               .info = info,
               .budget = LEX_MATCH_BUDGET};
    words w = {{0}, out_words, false, {0}};
    if (stop_on(&L, LEX_EOF, o->raw_escapes, res, &w) < 0) {
        /* Go wraps every lexer error as: failed to process "<source>": <cause> */
        pl_error_set(err, NULL, 0, 0, "failed to process \"%.*s\": %s",
                     (int)(L.len > 200 ? 200 : L.len), L.s, L.msg);
        return -1;
    }
    if (info)
        for (size_t i = 0; i < w.lens.len; i++)
            *PL_VEC_PUSH(a, &info->word_lens, size_t) = PL_VEC_AT(w.lens, size_t, i);
    return 0;
}

int pl_lex_word(pl_arena *a, const char *src, size_t len, const pl_lex_opts *o, char **out,
                pl_lex_info *info, pl_error *err) {
    pl_sbuf res = {0};
    if (lex_run(a, src, len, o, &res, NULL, info, err) < 0)
        return -1;
    *out = (char *)pl_sbuf_str(a, &res);
    if (info)
        info->len = res.len;
    return 0;
}

int pl_lex_words(pl_arena *a, const char *src, size_t len, const pl_lex_opts *o, pl_vec *words_out,
                 pl_lex_info *info, pl_error *err) {
    pl_sbuf res = {0};
    pl_vec tmp = {0};
    if (lex_run(a, src, len, o, &res, &tmp, info, err) < 0)
        return -1;
    for (size_t i = 0; i < tmp.len; i++)
        *PL_VEC_PUSH(a, words_out, const char *) = PL_VEC_AT(tmp, const char *, i);
    return 0;
}
