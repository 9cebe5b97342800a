/* dockerfile.c — Dockerfile text to instructions, as BuildKit's parser reads it.
 *
 * Lines, parser directives, continuations, heredocs and the per-instruction argument
 * splitting follow frontend/dockerfile/parser (see shared/reference/buildkit-parser.md
 * §1-7, §11), quirks included, so the AST dump matches BuildKit's byte for byte. Quote
 * removal and variable expansion are left to the analysis pass; this file only keeps
 * the text as written, with the physical line every piece came from. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "plimsoll/dockerfile.h"

#include "gostr.h"

#define DF_MAX_LINE 65535
#define JSON_MAX_DEPTH 10000

/* ---- runes: Go's string operations live in gostr.c ------------------------- */

/* Decodes one rune at p[0..left); *n = 0 marks an invalid byte (width 1). */
static int32_t utf8_decode(const unsigned char *p, size_t left, size_t *n) {
    int32_t c = pl_go_decode_rune((const char *)p, left, n);
    if (c == PL_GO_RUNE_ERROR && *n == 1)
        *n = 0;
    return c;
}

/* The regexp class [\t\v\f\r ] that BuildKit splits words on. */
static bool is_ws_class(char c) {
    return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' ';
}

/* ---- JSON string arrays (parseJSON) ------------------------------------------ */

typedef struct json {
    pl_arena *a;
    const char *s;
    size_t len, pos;
    int depth;
    bool non_string;   /* a top-level element was not a string */
    bool out_of_range; /* a number ParseFloat rejects (1e999): Decode fails */
    pl_vec *out;       /* const char * */
    pl_vec *lens;      /* size_t */
} json;

static void js_ws(json *j) {
    while (j->pos < j->len && (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' ||
                               j->s[j->pos] == '\n' || j->s[j->pos] == '\r'))
        j->pos++;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int32_t js_u4(json *j, size_t at) {
    if (at + 4 > j->len)
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(j->s[at + (size_t)i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* A string at j->pos; decoded into dst when dst is not NULL (Go's rules: invalid UTF-8
 * and lone surrogates become U+FFFD). */
static bool js_string(json *j, pl_sbuf *dst) {
    j->pos++; /* '"' */
    while (j->pos < j->len) {
        unsigned char c = (unsigned char)j->s[j->pos];
        if (c == '"') {
            j->pos++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (j->pos + 1 >= j->len)
                return false;
            char e = j->s[j->pos + 1];
            const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
            const char *m = NULL;
            for (const char *p = map; *p; p += 2)
                if (*p == e)
                    m = p + 1;
            if (m) {
                if (dst)
                    pl_sbuf_add(j->a, dst, m, 1);
                j->pos += 2;
                continue;
            }
            if (e != 'u')
                return false;
            int32_t u = js_u4(j, j->pos + 2);
            if (u < 0)
                return false;
            j->pos += 6;
            if (u >= 0xD800 && u < 0xDC00 && j->pos + 1 < j->len && j->s[j->pos] == '\\' &&
                j->s[j->pos + 1] == 'u') {
                int32_t lo = js_u4(j, j->pos + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    j->pos += 6;
                }
            }
            if (u >= 0xD800 && u < 0xE000)
                u = 0xFFFD;
            if (dst)
                pl_sbuf_rune(j->a, dst, u);
            continue;
        }
        size_t n;
        int32_t r = utf8_decode((const unsigned char *)j->s + j->pos, j->len - j->pos, &n);
        if (dst) {
            if (n == 0)
                pl_sbuf_rune(j->a, dst, 0xFFFD);
            else
                pl_sbuf_add(j->a, dst, j->s + j->pos, n);
        }
        (void)r;
        j->pos += n ? n : 1;
    }
    return false;
}

static bool js_digits(json *j) {
    size_t p = j->pos;
    while (j->pos < j->len && j->s[j->pos] >= '0' && j->s[j->pos] <= '9')
        j->pos++;
    return j->pos > p;
}

static bool js_value(json *j, bool top);

static bool js_array(json *j, bool top) {
    j->pos++; /* '[' */
    js_ws(j);
    if (j->pos < j->len && j->s[j->pos] == ']') {
        j->pos++;
        return true;
    }
    for (;;) {
        js_ws(j);
        if (top && j->pos < j->len && j->s[j->pos] == '"') {
            pl_sbuf v = {0};
            if (!js_string(j, &v))
                return false;
            *PL_VEC_PUSH(j->a, j->out, const char *) = pl_sbuf_str(j->a, &v);
            *PL_VEC_PUSH(j->a, j->lens, size_t) = v.len;
        } else {
            if (top)
                j->non_string = true;
            if (!js_value(j, false))
                return false;
        }
        js_ws(j);
        if (j->pos >= j->len)
            return false;
        if (j->s[j->pos] == ']') {
            j->pos++;
            return true;
        }
        if (j->s[j->pos] != ',')
            return false;
        j->pos++;
    }
}

static bool js_value(json *j, bool top) {
    js_ws(j);
    if (j->pos >= j->len)
        return false;
    char c = j->s[j->pos];
    if (c == '[' || c == '{') {
        if (++j->depth > JSON_MAX_DEPTH)
            return false;
        bool ok;
        if (c == '[') {
            ok = js_array(j, top);
        } else {
            j->pos++;
            js_ws(j);
            ok = true;
            if (j->pos < j->len && j->s[j->pos] == '}') {
                j->pos++;
            } else {
                for (;;) {
                    js_ws(j);
                    if (j->pos >= j->len || j->s[j->pos] != '"' || !js_string(j, NULL)) {
                        ok = false;
                        break;
                    }
                    js_ws(j);
                    if (j->pos >= j->len || j->s[j->pos] != ':') {
                        ok = false;
                        break;
                    }
                    j->pos++;
                    if (!js_value(j, false)) {
                        ok = false;
                        break;
                    }
                    js_ws(j);
                    if (j->pos < j->len && j->s[j->pos] == ',') {
                        j->pos++;
                        continue;
                    }
                    if (j->pos < j->len && j->s[j->pos] == '}') {
                        j->pos++;
                        break;
                    }
                    ok = false;
                    break;
                }
            }
        }
        j->depth--;
        return ok;
    }
    if (c == '"')
        return js_string(j, NULL);
    static const char *const lits[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(lits[i]);
        if (j->len - j->pos >= n && memcmp(j->s + j->pos, lits[i], n) == 0) {
            j->pos += n;
            return true;
        }
    }
    size_t num = j->pos;
    if (c == '-')
        j->pos++;
    if (j->pos < j->len && j->s[j->pos] == '0')
        j->pos++;
    else if (!js_digits(j))
        return false;
    if (j->pos < j->len && j->s[j->pos] == '.') {
        j->pos++;
        if (!js_digits(j))
            return false;
    }
    if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
        j->pos++;
        if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
            j->pos++;
        if (!js_digits(j))
            return false;
    }
    /* every number decodes into interface{} through strconv.ParseFloat; a range error
     * is saved and makes Decode fail, however deep the number sits */
    if (!pl_go_float_in_range(j->s + num, j->pos - num))
        j->out_of_range = true;
    return true;
}

enum { JSON_OK, JSON_NOT, JSON_NON_STRING };

/* parseJSON: JSON_OK with the strings, JSON_NOT (shell form), or JSON_NON_STRING. */
static int parse_json(pl_arena *a, const char *s, size_t len, pl_vec *out, pl_vec *lens) {
    size_t k = pl_go_space_prefix(s, len);
    if (k >= len || s[k] != '[')
        return JSON_NOT;
    pl_vec tmp = {0}, tmplens = {0};
    json j = {a, s, len, k, 0, false, false, &tmp, &tmplens};
    if (!js_value(&j, true))
        return JSON_NOT;
    js_ws(&j);
    if (j.pos != len || j.out_of_range)
        return JSON_NOT;
    if (j.non_string)
        return JSON_NON_STRING;
    for (size_t i = 0; i < tmp.len; i++) {
        *PL_VEC_PUSH(a, out, const char *) = PL_VEC_AT(tmp, const char *, i);
        *PL_VEC_PUSH(a, lens, size_t) = PL_VEC_AT(tmplens, size_t, i);
    }
    return JSON_OK;
}

/* ---- the parser state ---------------------------------------------------------- */

typedef struct pline {
    size_t off, len; /* raw bytes, '\n' included */
} pline;

typedef struct parser {
    pl_arena *a;
    const char *path;
    const char *text;
    pline *lines;
    size_t nlines;
    char esc;
    bool dir_done;
    pl_vec directives; /* pl_df_directive */
    pl_vec comments;   /* pl_df_comment */
    pl_vec warnings;   /* pl_df_warning */
    char msg[512];
} parser;

static void trim_newline(const char **s, size_t *n) {
    (void)s;
    while (*n > 0 && ((*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

static bool re_space(char c) { /* RE2 \s */
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

/* DirectiveParser.ParseLine on a processed line; -1 on a directive error. */
static int directive_line(parser *P, const char *s, size_t n, int line, bool *is_dir) {
    *is_dir = false;
    if (P->dir_done)
        return 0;
    size_t i = 0;
    if (n == 0 || s[0] != '#')
        goto done;
    /* DirectiveParser.ParseLine trims with unicode.IsSpace after the '#' (\v, U+0085,
     * U+00A0, U+3000 ...); the regexp that follows only knows RE2's \s */
    i = 1 + pl_go_space_prefix(s + 1, n - 1);
    size_t ns = i;
    if (i >= n || !ascii_alpha(s[i]))
        goto done;
    while (i < n && (ascii_alpha(s[i]) || ascii_digit(s[i])))
        i++;
    size_t ne = i;
    while (i < n && re_space(s[i]))
        i++;
    if (i >= n || s[i] != '=')
        goto done;
    i++;
    size_t eq = i;
    while (i < n && re_space(s[i]))
        i++;
    size_t vs = i, ve = n;
    while (ve > vs && re_space(s[ve - 1]))
        ve--;
    if (ve == vs) {
        if (eq == n)
            goto done; /* (.+?) needs one character */
        vs = n - 1;    /* the regexp backtracks: the value is the last blank */
        ve = n;
    }
    char name[16];
    size_t nl = ne - ns;
    if (nl >= sizeof name)
        goto done;
    for (size_t k = 0; k < nl; k++) {
        char c = s[ns + k];
        name[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    name[nl] = '\0';
    if (strcmp(name, "syntax") != 0 && strcmp(name, "escape") != 0 && strcmp(name, "check") != 0)
        goto done;
    for (size_t k = 0; k < P->directives.len; k++) {
        if (strcmp(PL_VEC_AT(P->directives, pl_df_directive, k).name, name) == 0) {
            snprintf(P->msg, sizeof P->msg, "only one %s parser directive can be used", name);
            return -1;
        }
    }
    pl_df_directive *d = PL_VEC_PUSH(P->a, &P->directives, pl_df_directive);
    d->name = pl_arena_strdup(P->a, name);
    d->value = pl_arena_strndup(P->a, s + vs, ve - vs);
    d->value_len = ve - vs;
    d->line = line;
    *is_dir = true;
    if (strcmp(name, "escape") == 0) {
        if (ve - vs != 1 || (s[vs] != '`' && s[vs] != '\\')) {
            snprintf(P->msg, sizeof P->msg, "invalid escape token '%.200s' does not match ` or \\",
                     d->value);
            return -1;
        }
        P->esc = d->value[0];
    }
    return 0;
done:
    P->dir_done = true;
    return 0;
}

/* processLine: trimNewline, optional left trim, directive check, comment -> "". */
static int process_line(parser *P, size_t idx, bool strip_left, const char **out, size_t *outn,
                        bool *is_dir) {
    const char *s = P->text + P->lines[idx].off;
    size_t n = P->lines[idx].len;
    trim_newline(&s, &n);
    if (strip_left) {
        size_t k = pl_go_space_prefix(s, n);
        s += k;
        n -= k;
    }
    if (directive_line(P, s, n, (int)idx + 1, is_dir) < 0)
        return -1;
    if (n > 0 && s[0] == '#')
        n = 0;
    *out = s;
    *outn = n;
    return 0;
}

/* isComment on a raw line; text and tn get the comment text after the #, trimmed. */
static bool comment_line(const parser *P, size_t idx, const char **text, size_t *tn) {
    const char *s = P->text + P->lines[idx].off;
    size_t n = P->lines[idx].len;
    trim_newline(&s, &n);
    size_t k = pl_go_space_prefix(s, n);
    if (k >= n || s[k] != '#')
        return false;
    s += k + 1;
    n -= k + 1;
    size_t l = pl_go_space_prefix(s, n);
    *text = s + l;
    *tn = pl_go_space_trim_right(s + l, n - l);
    return true;
}

static void add_comment(parser *P, size_t idx) {
    const char *t;
    size_t tn;
    if (!comment_line(P, idx, &t, &tn))
        return;
    pl_df_comment *c = PL_VEC_PUSH(P->a, &P->comments, pl_df_comment);
    c->line = (int)idx + 1;
    c->text = pl_arena_strndup(P->a, t, tn);
}

/* trimContinuationCharacter: ([^E])E[ \t]*$ or ^E[ \t]*$ -> the captured char. */
static bool trim_continuation(const parser *P, const char *s, size_t *n) {
    size_t e = *n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (e == 0 || s[e - 1] != P->esc)
        return false;
    if (e >= 2 && s[e - 2] == P->esc)
        return false;
    *n = e - 1;
    return true;
}

bool pl_df_is(const pl_df_instruction *ins, const char *kw) {
    if (!ins->cmd)
        return false;
    /* a model built by hand may leave cmd_len at 0: then the C string is the word */
    size_t have = ins->cmd_len ? ins->cmd_len : strlen(ins->cmd);
    size_t n = strlen(kw);
    return have == n && memcmp(ins->cmd, kw, n) == 0;
}

const char *pl_df_key(const pl_df_instruction *ins) {
    if (!ins->cmd || (ins->cmd_len && strlen(ins->cmd) != ins->cmd_len))
        return "";
    return ins->cmd;
}

/* ---- one instruction (newNodeFromLine) ---------------------------------------- */

typedef struct piece {
    size_t off;
    int line;
    int col; /* 1-based byte column where the piece starts on its physical line */
} piece;

static bool byte_space(unsigned char c) { /* unicode.IsSpace(rune(byte)) */
    return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' || c == 0x85 ||
           c == 0xA0;
}

/* Go's `word += string(rune(line[pos]))`: a byte above 0x7F becomes U+0080..U+00FF. */
static void sb_byte_rune(pl_arena *a, pl_sbuf *b, unsigned char c) {
    pl_sbuf_rune(a, b, c);
}

static void add_flag(parser *P, pl_vec *flags, const pl_sbuf *w) {
    pl_df_flag *f = PL_VEC_PUSH(P->a, flags, pl_df_flag);
    const char *raw = w->d ? pl_arena_strndup(P->a, w->d, w->len) : pl_arena_strdup(P->a, "");
    f->raw = raw;
    f->raw_len = w->len;
    size_t skip = w->len >= 2 ? 2 : w->len;
    const char *body = raw + skip;
    size_t bn = w->len - skip;
    const char *eq = memchr(body, '=', bn);
    if (eq) {
        f->name_len = (size_t)(eq - body);
        f->name = pl_arena_strndup(P->a, body, f->name_len);
        f->value = eq + 1;
        f->value_len = bn - f->name_len - 1;
    } else {
        f->name = body;
        f->name_len = bn;
    }
}

/* extractBuilderFlags on s[0..n): returns the offset where the arguments start. */
static size_t extract_flags(parser *P, const char *s, size_t n, pl_vec *flags) {
    enum { SPACES, WORD, QUOTE } phase = SPACES;
    pl_sbuf w = {0};
    unsigned char quote = 0;
    bool blank_ok = false;
    for (size_t pos = 0; pos <= n; pos++) {
        unsigned char ch = pos < n ? (unsigned char)s[pos] : 0;
        if (phase == SPACES) {
            if (pos == n)
                break;
            if (byte_space(ch))
                continue;
            if (ch != '-' || pos + 1 == n || s[pos + 1] != '-')
                return pos;
            phase = WORD;
        }
        if (pos == n) {
            if (!(w.len == 2 && memcmp(w.d, "--", 2) == 0) && (blank_ok || w.len > 0))
                add_flag(P, flags, &w);
            break;
        }
        if (phase == WORD) {
            if (byte_space(ch)) {
                phase = SPACES;
                if (w.len == 2 && memcmp(w.d, "--", 2) == 0)
                    return pos;
                if (blank_ok || w.len > 0)
                    add_flag(P, flags, &w);
                w.len = 0;
                blank_ok = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blank_ok = true;
                phase = QUOTE;
                continue;
            }
            if (ch == (unsigned char)P->esc) {
                if (pos + 1 == n)
                    continue;
                ch = (unsigned char)s[++pos];
            }
            sb_byte_rune(P->a, &w, ch);
            continue;
        }
        /* QUOTE */
        if (ch == quote) {
            phase = WORD;
            continue;
        }
        if (ch == (unsigned char)P->esc) {
            if (pos + 1 == n) {
                phase = WORD;
                continue;
            }
            ch = (unsigned char)s[++pos];
        }
        sb_byte_rune(P->a, &w, ch);
    }
    return n;
}

/* A word with its length: NUL bytes are data. */
typedef struct wtext {
    const char *s;
    size_t n;
} wtext;

static void push_word(parser *P, pl_vec *out, const pl_sbuf *w) {
    wtext *t = PL_VEC_PUSH(P->a, out, wtext);
    t->s = pl_arena_strndup(P->a, w->d ? w->d : "", w->len);
    t->n = w->len;
}

/* parseWords: quotes and escapes kept; invalid UTF-8 becomes U+FFFD as in Go. */
static void parse_words(parser *P, const char *s, size_t n, pl_vec *out) {
    enum { SPACES, WORD, QUOTE } phase = SPACES;
    pl_sbuf w = {0};
    int32_t quote = 0, ch = 0;
    bool blank_ok = false;
    size_t width = 0;
    const int32_t esc = (unsigned char)P->esc;
#define DECODE(at)                                                                                 \
    do {                                                                                           \
        ch = utf8_decode((const unsigned char *)s + (at), n - (at), &width);                       \
        if (width == 0)                                                                            \
            width = 1;                                                                             \
    } while (0)
    for (size_t pos = 0; pos <= n; pos += width) {
        if (pos != n)
            DECODE(pos);
        if (phase == SPACES) {
            if (pos == n)
                break;
            if (pl_go_is_space(ch))
                continue;
            phase = WORD;
        }
        if (pos == n) {
            if (blank_ok || w.len > 0)
                push_word(P, out, &w);
            break;
        }
        if (phase == WORD) {
            if (pl_go_is_space(ch)) {
                phase = SPACES;
                if (blank_ok || w.len > 0)
                    push_word(P, out, &w);
                w.len = 0;
                blank_ok = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blank_ok = true;
                phase = QUOTE;
            }
            if (ch == esc) {
                if (pos + width == n)
                    continue;
                pl_sbuf_rune(P->a, &w, ch);
                pos += width;
                DECODE(pos);
            }
            pl_sbuf_rune(P->a, &w, ch);
            continue;
        }
        if (ch == quote)
            phase = WORD;
        if (ch == esc && quote != '\'') {
            if (pos + width == n) {
                phase = WORD;
                continue;
            }
            pos += width;
            pl_sbuf_rune(P->a, &w, ch);
            DECODE(pos);
        }
        pl_sbuf_rune(P->a, &w, ch);
    }
#undef DECODE
}

/* Splits on runs of [\t\v\f\r ]; empty text gives nothing. */
static void split_ws(parser *P, const char *s, size_t n, pl_vec *args, pl_vec *lens) {
    size_t i = 0;
    if (n == 0)
        return;
    for (;;) {
        size_t j = i;
        while (j < n && !is_ws_class(s[j]))
            j++;
        *PL_VEC_PUSH(P->a, args, const char *) = pl_arena_strndup(P->a, s + i, j - i);
        *PL_VEC_PUSH(P->a, lens, size_t) = j - i;
        if (j == n)
            return;
        while (j < n && is_ws_class(s[j]))
            j++;
        i = j;
    }
}

static void push_arg(parser *P, pl_vec *args, pl_vec *lens, const char *s, size_t n) {
    *PL_VEC_PUSH(P->a, args, const char *) = pl_arena_strndup(P->a, s, n);
    *PL_VEC_PUSH(P->a, lens, size_t) = n;
}

static int json_error(parser *P) {
    snprintf(P->msg, sizeof P->msg,
             "when using JSON array syntax, arrays must be comprised of strings only");
    return -1;
}

/* parseMaybeJSON (list = false) and parseMaybeJSONToList (list = true). */
static int maybe_json(parser *P, const char *s, size_t n, bool list, pl_vec *args, pl_vec *lens,
                      bool *is_json) {
    if (n == 0 && !list)
        return 0;
    int r = parse_json(P->a, s, n, args, lens);
    if (r == JSON_NON_STRING)
        return json_error(P);
    if (r == JSON_OK) {
        *is_json = true;
        return 0;
    }
    if (list)
        split_ws(P, s, n, args, lens);
    else
        push_arg(P, args, lens, s, n);
    return 0;
}

static void add_pair(parser *P, pl_vec *pairs, const char *key, size_t kn, const char *value,
                     size_t vn, const char *sep, bool has_value) {
    pl_df_pair *p = PL_VEC_PUSH(P->a, pairs, pl_df_pair);
    p->key = pl_arena_strndup(P->a, key, kn);
    p->key_len = kn;
    p->value = has_value ? pl_arena_strndup(P->a, value, vn) : NULL;
    p->value_len = has_value ? vn : 0;
    p->sep = sep;
}

/* parseNameVal for ENV and LABEL. */
static int name_val(parser *P, const char *s, size_t n, const char *kw, pl_vec *args, pl_vec *lens,
                    pl_vec *pairs) {
    pl_vec words = {0};
    parse_words(P, s, n, &words);
    if (words.len == 0)
        return 0;
    const wtext *w0 = &PL_VEC_AT(words, wtext, 0);
    if (!memchr(w0->s, '=', w0->n)) {
        size_t i = 0;
        while (i < n && !is_ws_class(s[i]))
            i++;
        if (i == n) {
            snprintf(P->msg, sizeof P->msg, "%s must have two arguments", kw);
            return -1;
        }
        size_t j = i;
        while (j < n && is_ws_class(s[j]))
            j++;
        push_arg(P, args, lens, s, i);
        push_arg(P, args, lens, s + j, n - j);
        push_arg(P, args, lens, "", 0);
        add_pair(P, pairs, s, i, s + j, n - j, "", true);
        return 0;
    }
    for (size_t k = 0; k < words.len; k++) {
        const char *w = PL_VEC_AT(words, wtext, k).s;
        size_t wn = PL_VEC_AT(words, wtext, k).n;
        const char *eq = memchr(w, '=', wn);
        if (!eq) {
            pl_buf q;
            pl_buf_init(&q);
            pl_go_quote(&q, w, wn > 200 ? 200 : wn);
            snprintf(P->msg, sizeof P->msg,
                     "Syntax error - can't find = in %s. Must be of the form: name=value", q.data);
            pl_buf_free(&q);
            return -1;
        }
        size_t kn = (size_t)(eq - w);
        push_arg(P, args, lens, w, kn);
        push_arg(P, args, lens, eq + 1, wn - kn - 1);
        push_arg(P, args, lens, "=", 1);
        add_pair(P, pairs, w, kn, eq + 1, wn - kn - 1, "=", true);
    }
    return 0;
}

/* Copies the part of the joined line's piece map that covers [off, off+n). */
static pl_line_map sub_map(parser *P, const pl_vec *pieces, size_t off, size_t n) {
    pl_line_map m = {0};
    size_t count = 0, first = 0;
    for (size_t i = 0; i < pieces->len; i++) {
        const piece *p = &PL_VEC_AT(*pieces, piece, i);
        if (p->off <= off)
            first = i;
        else if (p->off < off + n)
            count++;
    }
    if (pieces->len == 0)
        return m;
    size_t *offs = pl_arena_alloc(P->a, (count + 1) * sizeof *offs);
    int *lines = pl_arena_alloc(P->a, (count + 1) * sizeof *lines);
    int *cols = pl_arena_alloc(P->a, (count + 1) * sizeof *cols);
    const piece *f = &PL_VEC_AT(*pieces, piece, first);
    offs[0] = 0;
    lines[0] = f->line;
    cols[0] = f->col + (int)(off - f->off);
    size_t k = 1;
    for (size_t i = first + 1; i < pieces->len; i++) {
        const piece *p = &PL_VEC_AT(*pieces, piece, i);
        if (p->off > off && p->off < off + n) {
            offs[k] = p->off - off;
            lines[k] = p->line;
            cols[k] = p->col;
            k++;
        }
    }
    m.offsets = offs;
    m.lines = lines;
    m.columns = cols;
    m.n = k;
    return m;
}

/* newNodeFromLine on line[0..n), which sits at offset base in the joined text. */
static int build_node(parser *P, const char *line, size_t n, size_t base, const pl_vec *pieces,
                      pl_df_instruction *ins) {
    pl_arena *a = P->a;
    size_t t0 = pl_go_space_prefix(line, n);
    size_t t1 = t0 + pl_go_space_trim_right(line + t0, n - t0);
    size_t c = t0;
    while (c < t1 && !is_ws_class(line[c]))
        c++;
    ins->keyword = pl_arena_strndup(a, line + t0, c - t0);
    ins->keyword_len = c - t0;
    /* dispatch[strings.ToLower(cmd)]: Go's full Unicode lowercasing, so "woRkd\u0130r"
     * is WORKDIR and an invalid byte becomes U+FFFD */
    ins->cmd = pl_go_to_lower_str(a, line + t0, c - t0, &ins->cmd_len);
    pl_vec flags = {0}, args = {0}, lens = {0}, pairs = {0};
    size_t as = t1, ae = t1; /* the arguments text */
    if (c < t1) {
        size_t r = c;
        while (r < t1 && is_ws_class(line[r]))
            r++;
        size_t off = r + extract_flags(P, line + r, t1 - r, &flags);
        as = off + pl_go_space_prefix(line + off, t1 - off);
        ae = as + pl_go_space_trim_right(line + as, t1 - as);
    }
    const char *s = line + as;
    size_t sn = ae - as;
    ins->value = pl_arena_strndup(a, s, sn);
    ins->value_len = sn;
    ins->value_lines = sub_map(P, pieces, base + as, sn);
#define IS(k) pl_df_is(ins, k)
    int rc = 0;
    if (IS("from") || IS("expose")) {
        split_ws(P, s, sn, &args, &lens);
    } else if (IS("add") || IS("copy") || IS("volume")) {
        rc = maybe_json(P, s, sn, true, &args, &lens, &ins->json);
    } else if (IS("run") || IS("cmd") || IS("entrypoint") || IS("shell")) {
        rc = maybe_json(P, s, sn, false, &args, &lens, &ins->json);
    } else if (IS("healthcheck")) {
        size_t sep = 0;
        while (sep < sn && !byte_space((unsigned char)s[sep]))
            sep++;
        size_t nx = sep;
        while (nx < sn && byte_space((unsigned char)s[nx]))
            nx++;
        if (sep > 0) {
            push_arg(P, &args, &lens, s, sep);
            rc = maybe_json(P, s + nx, sn - nx, false, &args, &lens, &ins->json);
        }
    } else if (IS("maintainer") || IS("user") || IS("workdir") || IS("stopsignal")) {
        if (sn > 0)
            push_arg(P, &args, &lens, s, sn);
    } else if (IS("arg")) {
        pl_vec words = {0};
        parse_words(P, s, sn, &words);
        for (size_t i = 0; i < words.len; i++) {
            const char *w = PL_VEC_AT(words, wtext, i).s;
            size_t wn = PL_VEC_AT(words, wtext, i).n;
            const char *eq = memchr(w, '=', wn);
            push_arg(P, &args, &lens, w, wn);
            if (eq)
                add_pair(P, &pairs, w, (size_t)(eq - w), eq + 1, wn - (size_t)(eq - w) - 1, "=",
                         true);
            else
                add_pair(P, &pairs, w, wn, NULL, 0, "", false);
        }
    } else if (IS("env") || IS("label")) {
        rc = name_val(P, s, sn, IS("env") ? "ENV" : "LABEL", &args, &lens, &pairs);
    } else if (IS("onbuild")) {
        if (sn > 0) {
            pl_df_instruction *sub = pl_arena_alloc(a, sizeof *sub);
            rc = build_node(P, s, sn, base + as, pieces, sub);
            ins->sub = sub;
        }
    } else {
        push_arg(P, &args, &lens, "", 0);
    }
#undef IS
    if (rc < 0)
        return -1;
    ins->flags = flags.items;
    ins->nflags = flags.len;
    ins->args = args.items;
    ins->arg_lens = lens.items;
    ins->nargs = args.len;
    ins->pairs = pairs.items;
    ins->npairs = pairs.len;
    return 0;
}

/* ---- heredocs ------------------------------------------------------------------- */

static bool can_heredoc(const pl_df_instruction *ins) {
    if (pl_df_is(ins, "onbuild") && ins->sub)
        ins = ins->sub;
    if (!pl_df_is(ins, "run") && !pl_df_is(ins, "copy") && !pl_df_is(ins, "add"))
        return false;
    return !ins->json;
}

static size_t count_quotes(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\'' || s[i] == '"';
    return k;
}

/* ParseHeredoc on one lexed word w[0..wn): 1 heredoc found, 0 none, -1 error. The word
 * was lexed by BuildKit's scanner, so invalid bytes are already U+FFFD; the rest is
 * lexed again, which drops a leading BOM (text/scanner) and keeps NUL bytes. */
static int heredoc_word(parser *P, const char *w, size_t wn, pl_df_heredoc *h) {
    size_t i = 0;
    while (i < wn && ascii_digit(w[i]))
        i++;
    size_t ndig = i;
    if (wn - i < 2 || w[i] != '<' || w[i + 1] != '<')
        return 0;
    i += 2;
    bool chomp = i < wn && w[i] == '-';
    if (chomp)
        i++;
    while (i < wn && re_space(w[i]))
        i++;
    const char *p = w + i;
    size_t pn = wn - i;
    if (pn == 0 || memchr(p, '<', pn))
        return 0;
    unsigned long long fd = 0;
    for (size_t k = 0; k < ndig; k++) {
        if (fd > (UINT64_MAX - 9) / 10) { /* ParseUint overflows: Go ignores the error */
            fd = 0;
            break;
        }
        fd = fd * 10 + (unsigned)(w[k] - '0');
    }
    pl_lex_opts o = {.escape = '\\', .skip_unset_env = true};
    pl_vec words = {0}, raw = {0};
    pl_lex_info wi = {0}, ri = {0};
    pl_error e;
    if (pl_lex_words(P->a, p, pn, &o, &words, &wi, &e) < 0) {
        snprintf(P->msg, sizeof P->msg, "%s", e.message);
        return -1;
    }
    if (words.len != 1)
        return 0;
    o.raw_quotes = true;
    if (pl_lex_words(P->a, p, pn, &o, &raw, &ri, &e) < 0) {
        snprintf(P->msg, sizeof P->msg, "%s", e.message);
        return -1;
    }
    if (raw.len != 1) {
        snprintf(P->msg, sizeof P->msg,
                 "internal lexing of heredoc produced inconsistent results: %.*s",
                 (int)(pn > 200 ? 200 : pn), p);
        return -1;
    }
    h->name = PL_VEC_AT(words, const char *, 0);
    h->name_len = PL_VEC_AT(wi.word_lens, size_t, 0);
    h->chomp = chomp;
    h->fd = fd > INT32_MAX ? 0 : (int)fd;
    h->expand = count_quotes(h->name, h->name_len) ==
                count_quotes(PL_VEC_AT(raw, const char *, 0), PL_VEC_AT(ri.word_lens, size_t, 0));
    return 1;
}

/* strings.Contains(line, "<<"), past any NUL byte. */
static bool has_heredoc_marker(const char *s, size_t n) {
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '<' && s[i + 1] == '<')
            return true;
    return false;
}

/* heredocsFromLine, then the bodies from the following lines; *next is the next line. */
static int read_heredocs(parser *P, const char *line, size_t n, size_t *next,
                         pl_df_instruction *ins) {
    pl_lex_opts o = {
        .escape = '\\', .raw_quotes = true, .raw_escapes = true, .skip_unset_env = true};
    pl_vec words = {0}, docs = {0};
    pl_lex_info info = {0};
    pl_error e;
    if (pl_lex_words(P->a, line, n, &o, &words, &info, &e) < 0)
        return 0;
    for (size_t i = 0; i < words.len; i++) {
        pl_df_heredoc h = {0};
        int r = heredoc_word(P, PL_VEC_AT(words, const char *, i),
                             PL_VEC_AT(info.word_lens, size_t, i), &h);
        if (r < 0)
            return -1;
        if (r > 0)
            *PL_VEC_PUSH(P->a, &docs, pl_df_heredoc) = h;
    }
    for (size_t i = 0; i < docs.len; i++) {
        pl_df_heredoc *h = &PL_VEC_AT(docs, pl_df_heredoc, i);
        size_t nl = h->name_len;
        pl_sbuf body = {0};
        h->line = (int)*next + 1;
        bool done = false;
        while (*next < P->nlines) {
            size_t idx = (*next)++;
            const char *s = P->text + P->lines[idx].off;
            size_t sn = P->lines[idx].len;
            const char *t = s;
            size_t tn = sn;
            trim_newline(&t, &tn);
            if (h->chomp)
                while (tn > 0 && *t == '\t')
                    t++, tn--;
            if (tn == nl && memcmp(t, h->name, nl) == 0) {
                h->end_line = (int)idx + 1;
                done = true;
                break;
            }
            pl_sbuf_add(P->a, &body, s, sn);
        }
        if (!done) {
            snprintf(P->msg, sizeof P->msg, "unterminated heredoc");
            return -1;
        }
        h->body = pl_sbuf_str(P->a, &body);
        h->body_len = body.len;
    }
    ins->heredocs = docs.items;
    ins->nheredocs = docs.len;
    if (ins->sub && pl_df_is(ins, "onbuild")) {
        ins->sub->heredocs = docs.items;
        ins->sub->nheredocs = docs.len;
    }
    return 0;
}

/* ---- the main loop (Parse) ------------------------------------------------------ */

static int fail_at(parser *P, pl_error *err, int line, int column, int end_line,
                   const char *keyword) {
    if (keyword && !strstr(P->msg, keyword))
        pl_error_set(err, P->path, line, column, "%s: %s", keyword, P->msg);
    else
        pl_error_set(err, P->path, line, column, "%s", P->msg);
    if (err)
        err->end_line = end_line;
    return -1;
}

static void upper_copy(char *dst, size_t cap, const char *s) {
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        dst[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    dst[i] = '\0';
}

int pl_dockerfile_parse(pl_arena *a, const char *path, const char *text, size_t len,
                        pl_dockerfile **out, pl_error *err) {
    if (!text)
        text = "", len = 0;
    parser P = {.a = a, .path = path, .text = text, .esc = '\\'};
    pl_dockerfile *df = pl_arena_alloc(a, sizeof *df);
    df->path = path;
    df->text = text;
    df->len = len;

    /* physical lines, '\n' kept; the BOM is dropped from the first */
    size_t nl = 0;
    for (size_t i = 0; i < len; i++)
        nl += text[i] == '\n';
    P.lines = pl_arena_alloc(a, (nl + 1) * sizeof *P.lines);
    for (size_t i = 0; i < len;) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t end = e ? (size_t)(e - text) + 1 : len;
        size_t content = end - i - (e ? 1 : 0);
        if (content > DF_MAX_LINE) {
            pl_error_set(err, path, (int)P.nlines + 1, 1,
                         "dockerfile line greater than max allowed size of %d", DF_MAX_LINE);
            err ? err->end_line = (int)P.nlines + 1 : 0;
            return -1;
        }
        P.lines[P.nlines++] = (pline){i, end - i};
        if (end - i >= 2 && text[end - 1] == '\n' && text[end - 2] == '\r')
            df->crlf = true;
        i = end;
    }
    if (P.nlines > 0 && P.lines[0].len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        P.lines[0].off += 3;
        P.lines[0].len -= 3;
        df->bom = true;
    }

    pl_vec instrs = {0}, doc = {0};
    size_t i = 0;
    while (i < P.nlines) {
        const char *ct;
        size_t ctn;
        bool is_comment = comment_line(&P, i, &ct, &ctn);
        size_t doc_before = doc.len;
        if (is_comment) {
            /* Node.PrevComment: BuildKit trims the raw line after its first byte */
            const char *r = text + P.lines[i].off;
            size_t rn = P.lines[i].len;
            trim_newline(&r, &rn);
            if (rn > 0) {
                size_t l = pl_go_space_prefix(r + 1, rn - 1);
                size_t tn = pl_go_space_trim_right(r + 1 + l, rn - 1 - l);
                if (tn == 0)
                    doc.len = 0;
                else
                    *PL_VEC_PUSH(a, &doc, const char *) = pl_arena_strndup(a, r + 1 + l, tn);
            }
        }
        const char *t;
        size_t tn;
        bool is_dir;
        size_t lead;
        {
            const char *r = text + P.lines[i].off;
            size_t rn = P.lines[i].len;
            trim_newline(&r, &rn);
            lead = pl_go_space_prefix(r, rn);
        }
        if (process_line(&P, i, true, &t, &tn, &is_dir) < 0)
            return fail_at(&P, err, (int)i + 1, 1, (int)i + 1, NULL);
        if (is_dir)
            doc.len = doc_before;
        else if (is_comment)
            add_comment(&P, i);
        i++;
        int start = (int)i;
        bool cont = trim_continuation(&P, t, &tn);
        if (!cont && tn == 0)
            continue;

        pl_sbuf joined = {0};
        pl_vec pieces = {0};
        *PL_VEC_PUSH(a, &pieces, piece) = (piece){0, start, (int)lead + 1};
        pl_sbuf_add(a, &joined, t, tn);
        int empty_line = 0;
        while (cont && i < P.nlines) {
            if (process_line(&P, i, false, &t, &tn, &is_dir) < 0)
                return fail_at(&P, err, (int)i + 1, 1, (int)i + 1, NULL);
            size_t idx = i++;
            const char *x;
            size_t xn;
            if (comment_line(&P, idx, &x, &xn)) {
                add_comment(&P, idx);
                continue;
            }
            if (pl_go_space_prefix(t, tn) == tn) {
                if (!empty_line)
                    empty_line = (int)idx + 1;
                continue;
            }
            cont = trim_continuation(&P, t, &tn);
            if (tn > 0)
                *PL_VEC_PUSH(a, &pieces, piece) = (piece){joined.len, (int)idx + 1, 1};
            pl_sbuf_add(a, &joined, t, tn);
        }
        const char *line = pl_sbuf_str(a, &joined);
        if (empty_line) {
            pl_df_warning *w = PL_VEC_PUSH(a, &P.warnings, pl_df_warning);
            w->line = empty_line;
            w->code = "empty-continuation";
            w->message = pl_arena_printf(a, "Empty continuation line found in: %s", line);
        }

        pl_df_instruction *ins = PL_VEC_PUSH(a, &instrs, pl_df_instruction);
        ins->column = (int)lead + 1;
        if (build_node(&P, line, joined.len, 0, &pieces, ins) < 0) {
            char kw[64];
            upper_copy(kw, sizeof kw, ins->keyword ? ins->keyword : "");
            return fail_at(&P, err, start, ins->column, (int)i, kw);
        }
        if (can_heredoc(ins) && has_heredoc_marker(line, joined.len)) {
            if (read_heredocs(&P, line, joined.len, &i, ins) < 0) {
                char kw[64];
                upper_copy(kw, sizeof kw, ins->keyword);
                return fail_at(&P, err, start, ins->column, (int)i, kw);
            }
        }
        ins->raw = line;
        ins->raw_len = joined.len;
        ins->line = start;
        ins->end_line = (int)i;
        ins->index = (int)instrs.len;
        ins->comments = doc.items;
        ins->ncomments = doc.len;
        if (ins->sub) {
            ins->sub->line = ins->line;
            ins->sub->end_line = ins->end_line;
            ins->sub->column = ins->column;
            ins->sub->raw = ins->value;
            ins->sub->raw_len = ins->value_len;
            ins->sub->index = ins->index;
        }
        doc = (pl_vec){0};
    }

    if (instrs.len == 0) {
        int last = P.nlines > 0 ? (int)P.nlines : 1;
        pl_error_set(err, path, last, 1, "file with no instructions");
        if (err)
            err->end_line = last;
        return -1;
    }

    /* stages: one per FROM */
    pl_vec stages = {0};
    pl_df_instruction *is = instrs.items;
    for (size_t k = 0; k < instrs.len; k++) {
        if (pl_df_is(&is[k], "from")) {
            pl_df_stage *st = PL_VEC_PUSH(a, &stages, pl_df_stage);
            st->index = (int)stages.len;
            st->line = is[k].line;
            st->first = k;
            if (is[k].nargs == 3 && strcasecmp(is[k].args[1], "as") == 0)
                st->name = is[k].args[2];
        }
        if (stages.len > 0) {
            pl_df_stage *st = &PL_VEC_AT(stages, pl_df_stage, stages.len - 1);
            st->count++;
            st->end_line = is[k].end_line;
            is[k].stage = st->index;
            if (is[k].sub)
                is[k].sub->stage = st->index;
        }
    }

    df->escape = P.esc;
    df->start_line = is[0].line;
    df->end_line = is[instrs.len - 1].end_line;
    df->directives = P.directives.items;
    df->ndirectives = P.directives.len;
    df->instructions = instrs.items;
    df->ninstructions = instrs.len;
    df->stages = stages.items;
    df->nstages = stages.len;
    df->comments = P.comments.items;
    df->ncomments = P.comments.len;
    df->warnings = P.warnings.items;
    df->nwarnings = P.warnings.len;
    *out = df;
    return 0;
}

/* ---- Node.Dump ---------------------------------------------------------------------- */

static void dump_trimmed(const pl_df_instruction *ins, pl_buf *out);

static void dump_node(const pl_df_instruction *ins, pl_buf *b) {
    pl_buf_append(b, ins->cmd, ins->cmd_len);
    if (ins->nflags > 0) {
        pl_buf_puts(b, " [");
        for (size_t i = 0; i < ins->nflags; i++) {
            if (i)
                pl_buf_puts(b, " ");
            pl_go_quote(b, ins->flags[i].raw, ins->flags[i].raw_len);
        }
        pl_buf_puts(b, "]");
    }
    for (size_t i = 0; i < ins->nargs; i++) {
        pl_buf_puts(b, " ");
        pl_go_quote(b, ins->args[i], ins->arg_lens ? ins->arg_lens[i] : strlen(ins->args[i]));
    }
    if (ins->sub) {
        pl_buf_puts(b, " (");
        dump_trimmed(ins->sub, b);
        pl_buf_puts(b, ")");
    }
}

/* Node.Dump ends in strings.TrimSpace, which matters for an empty keyword (a file that
 * is a lone escape character has one instruction with no name). */
static void dump_trimmed(const pl_df_instruction *ins, pl_buf *out) {
    pl_buf tmp;
    pl_buf_init(&tmp);
    dump_node(ins, &tmp);
    const char *s = tmp.data ? tmp.data : "";
    size_t k = pl_go_space_prefix(s, tmp.len);
    pl_buf_append(out, s + k, pl_go_space_trim_right(s + k, tmp.len - k));
    pl_buf_free(&tmp);
}

void pl_dockerfile_dump_ast(const pl_dockerfile *df, pl_buf *out) {
    for (size_t i = 0; i < df->ninstructions; i++) {
        pl_buf_puts(out, "(");
        dump_trimmed(&df->instructions[i], out);
        pl_buf_puts(out, ")\n");
    }
}
