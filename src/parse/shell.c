/* shell.c — a POSIX sh reader: which simple commands a RUN script would run.
 *
 * Nothing is executed or expanded: words lose their quotes and escapes, but $VAR,
 * ${...}, $(...) and backticks stay as written (command substitutions are read a second
 * time for the commands inside them). Compound commands, groups and functions are
 * flattened into the command list with their context; here-document bodies are skipped.
 * Odd input never fails: the reader stops and reports the script as incomplete. */
#include <stdlib.h>
#include <string.h>

#include "plimsoll/shell.h"

/* Nesting of $( ) and quotes we are willing to follow; deeper input is marked
 * incomplete instead of risking the stack. */
enum { SH_MAX_NEST = 48 };

enum tok_type { T_END, T_NEWLINE, T_OP, T_IONUM, T_WORD };

typedef struct sh_tok {
    enum tok_type type;
    const char *op; /* T_OP: the operator text */
    size_t start;   /* offset of the token in the script */
    size_t end;
    char *cooked; /* T_WORD: quotes removed (arena) */
    bool quoted;  /* T_WORD: some quote or escape was involved */
} sh_tok;

enum frame_kind { F_IF, F_LOOP, F_FOR, F_CASE, F_BRACE, F_PAREN };

typedef struct sh_frame {
    enum frame_kind kind;
    const char *kw; /* keyword given to the commands inside, NULL for plain groups */
    bool patterns;  /* F_CASE: reading patterns, not commands */
    /* what the commands inside see, fixed when the frame opens so that no command walks
     * the whole stack: group depth, and the innermost keyword (kw or the outer one) */
    int depth;
    const char *eff_kw;
} sh_frame;

typedef struct sh_heredoc {
    const char *delim;
    bool chomp;
} sh_heredoc;

/* State shared by every nesting level of one pl_sh_parse call. */
typedef struct sh_ctx {
    pl_arena *a;
    const char *s;
    const pl_line_map *map;
    pl_vec out; /* pl_sh_command */
    /* scratch for the word being cooked, one per nesting level: a command substitution
     * is read in the middle of an outer word, which must survive it without a copy (a
     * copy per substitution made a line of backticks quadratic in memory) */
    pl_buf buf[SH_MAX_NEST + 2];
    bool stop; /* give up: unbalanced input */
    bool incomplete;
} sh_ctx;

/* One level: the top script or the inside of one command substitution. */
typedef struct sh_parser {
    sh_ctx *c;
    size_t pos, end;
    size_t lpos;   /* line cache: line number of offset lpos */
    size_t lstart; /* offset where the line holding lpos starts */
    int line;
    size_t base; /* where this level starts (for recounting lines) */
    int base_line;
    int subst, base_depth, nest;
    const char *base_kw;
    size_t base_lstart;        /* offset where the line holding base starts */
    pl_vec frames;             /* sh_frame */
    size_t nkind[F_PAREN + 1]; /* open frames of each kind */
    pl_vec heredocs;           /* sh_heredoc waiting for the next newline */
    /* the command being built */
    pl_vec argv, raw, assigns, redirs;
    size_t cmd_off;
    bool cmd_started;
    int last; /* index in out of the last command of this level, -1 none */
    bool after_closer;
    int for_state;  /* 1: name expected, 2: in/do expected, 3: word list */
    int case_state; /* 1: subject expected, 2: "in" expected */
    bool func_pending;
    int func_state; /* 1: after `function`, name expected */
} sh_parser;

static int line_at(sh_parser *p, size_t off) {
    const char *s = p->c->s;
    if (off < p->lpos) {
        p->lpos = p->base;
        p->line = p->base_line;
        p->lstart = p->base_lstart;
    }
    for (size_t i = p->lpos; i < off; i++)
        if (s[i] == '\n')
            p->line++, p->lstart = i + 1;
    p->lpos = off;
    return p->line;
}

static int command_line(sh_parser *p, size_t off) {
    if (p->c->map && p->c->map->n > 0)
        return pl_line_map_line(p->c->map, off);
    return line_at(p, off);
}

/* Without a map the script is taken to start at the beginning of a line (heredoc
 * bodies, sh -c scripts), so the column counts from the last newline. */
static int command_column(sh_parser *p, size_t off) {
    if (p->c->map && p->c->map->n > 0)
        return pl_line_map_column(p->c->map, off);
    line_at(p, off);
    return (int)(off - p->lstart) + 1;
}

static bool is_blank(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}
static bool is_meta(char ch) {
    return ch == ';' || ch == '&' || ch == '|' || ch == '<' || ch == '>' || ch == '(' || ch == ')';
}
static bool is_name_start(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}
static bool is_name_char(char ch) {
    return is_name_start(ch) || (ch >= '0' && ch <= '9');
}

/* ---- scanning ahead (no output) ----------------------------------------------- */

static size_t skip_paren(const char *s, size_t i, size_t end, int nest);

/* i is just past an opening '"'; returns the offset of the closing '"' or end. */
static size_t skip_dq(const char *s, size_t i, size_t end, int nest) {
    while (i < end) {
        char ch = s[i];
        if (ch == '"')
            return i;
        if (ch == '\\') {
            i += 2;
            continue;
        }
        if (ch == '$' && i + 1 < end && s[i + 1] == '(') {
            size_t close = skip_paren(s, i + 2, end, nest + 1);
            if (close >= end)
                return end;
            i = close + 1;
            continue;
        }
        if (ch == '`') {
            i++;
            while (i < end && s[i] != '`')
                i += (s[i] == '\\') ? 2 : 1;
            if (i >= end)
                return end;
        }
        i++;
    }
    return end;
}

/* i is just past an opening '('; returns the offset of the matching ')' or end. */
static size_t skip_paren(const char *s, size_t i, size_t end, int nest) {
    if (nest > SH_MAX_NEST)
        return end;
    int depth = 1;
    bool word_start = true;
    /* `case x in a) ...;; esac` inside $( ): a pattern's ')' closes nothing. The paren
     * depth at which each open case sits; deeper nesting than this is not followed. */
    int cases[16];
    int ncases = 0;
    while (i < end) {
        char ch = s[i];
        bool ws = false;
        if (word_start && end - i > 4) {
            char after = s[i + 4];
            bool delim = is_blank(after) || after == '\n' || after == ';' || after == ')';
            if (delim && memcmp(s + i, "case", 4) == 0 && ncases < 16) {
                cases[ncases++] = depth;
            } else if (delim && memcmp(s + i, "esac", 4) == 0 && ncases > 0) {
                ncases--;
            }
        }
        switch (ch) {
        case '\\': i += 2; continue;
        case '\'': {
            const char *q = memchr(s + i + 1, '\'', end - i - 1);
            if (!q)
                return end;
            i = (size_t)(q - s);
            break;
        }
        case '"':
            i = skip_dq(s, i + 1, end, nest + 1);
            if (i >= end)
                return end;
            break;
        case '`':
            i++;
            while (i < end && s[i] != '`')
                i += (s[i] == '\\') ? 2 : 1;
            if (i >= end)
                return end;
            break;
        case '#':
            if (word_start) {
                while (i < end && s[i] != '\n')
                    i++;
                continue;
            }
            break;
        case '(':
            depth++;
            ws = true;
            break;
        case ')':
            if (ncases > 0 && cases[ncases - 1] == depth) {
                ws = true; /* end of a case pattern */
                break;
            }
            if (--depth == 0)
                return i;
            ws = true;
            break;
        default: ws = is_blank(ch) || ch == '\n' || ch == ';' || ch == '&' || ch == '|';
        }
        word_start = ws;
        i++;
    }
    return end;
}

/* ---- reading words -------------------------------------------------------------- */

static void parse_level(sh_ctx *c, size_t start, size_t end, int line, size_t lstart, int subst,
                        int depth, const char *kw, int nest);

static int cur_depth(const sh_parser *p);
static const char *cur_kw(const sh_parser *p);

static pl_buf *scratch(sh_parser *p) {
    return &p->c->buf[p->nest];
}

static void put(sh_parser *p, const char *s, size_t n) {
    pl_buf_append(scratch(p), s, n);
}

static void fail(sh_parser *p) {
    p->c->stop = true;
    p->c->incomplete = true;
}

/* The commands inside $( ) or backticks, listed with subst one deeper. */
static void read_inner(sh_parser *p, size_t start, size_t end) {
    if (p->nest >= SH_MAX_NEST) {
        p->c->incomplete = true;
        return;
    }
    int line = line_at(p, start);
    bool stop = p->c->stop;
    parse_level(p->c, start, end, line, p->lstart, p->subst + 1, cur_depth(p), cur_kw(p),
                p->nest + 1);
    /* an unbalanced inside was delimited by the outside: keep reading the outside */
    p->c->stop = stop;
}

/* At '$': appends the expansion as written; reads command substitutions. */
static void read_dollar(sh_parser *p, bool in_dq) {
    const char *s = p->c->s;
    size_t i = p->pos, end = p->end;
    if (i + 1 >= end) {
        put(p, "$", 1);
        p->pos++;
        return;
    }
    char n = s[i + 1];
    if (n == '(') {
        bool arith = i + 2 < end && s[i + 2] == '(';
        size_t close = skip_paren(s, i + 2, end, p->nest);
        if (close >= end) {
            fail(p);
            p->pos = end;
            return;
        }
        if (!arith)
            read_inner(p, i + 2, close);
        put(p, s + i, close + 1 - i);
        p->pos = close + 1;
        return;
    }
    if (n == '{') {
        size_t j = i + 2;
        int depth = 1;
        while (j < end) {
            char ch = s[j];
            if (ch == '\\') {
                j += 2;
                continue;
            }
            if (ch == '\'') {
                const char *q = memchr(s + j + 1, '\'', end - j - 1);
                if (!q)
                    break;
                j = (size_t)(q - s);
            } else if (ch == '"') {
                j = skip_dq(s, j + 1, end, p->nest);
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                break;
            }
            j++;
        }
        if (j >= end) {
            fail(p);
            p->pos = end;
            return;
        }
        put(p, s + i, j + 1 - i);
        p->pos = j + 1;
        return;
    }
    if (n == '\'' && !in_dq) {
        /* bash $'...': backslash escapes inside, kept simple */
        size_t j = i + 2;
        while (j < end && s[j] != '\'') {
            if (s[j] == '\\' && j + 1 < end) {
                char e = s[j + 1];
                char out = e == 'n' ? '\n' : e == 't' ? '\t' : e;
                if (e == '\\' || e == '\'' || e == 'n' || e == 't' || e == '"')
                    put(p, &out, 1);
                else
                    put(p, s + j, 2);
                j += 2;
                continue;
            }
            put(p, s + j, 1);
            j++;
        }
        if (j >= end) {
            fail(p);
            p->pos = end;
            return;
        }
        p->pos = j + 1;
        return;
    }
    put(p, "$", 1);
    p->pos++;
}

/* At '`': appends the substitution as written and reads its commands. */
static void read_backtick(sh_parser *p) {
    const char *s = p->c->s;
    size_t i = p->pos + 1, end = p->end;
    while (i < end && s[i] != '`')
        i += (s[i] == '\\') ? 2 : 1;
    if (i >= end) {
        fail(p);
        p->pos = end;
        return;
    }
    read_inner(p, p->pos + 1, i);
    put(p, s + p->pos, i + 1 - p->pos);
    p->pos = i + 1;
}

static bool is_array_assign(const char *w, size_t n) {
    if (n < 2 || !is_name_start(w[0]) || w[n - 1] != '=')
        return false;
    size_t k = 1;
    while (k < n && is_name_char(w[k]))
        k++;
    return k == n - 1 || (k == n - 2 && w[k] == '+');
}

/* Reads one word from p->pos into the scratch buffer; stops at a blank or operator. */
static void read_word(sh_parser *p, sh_tok *t) {
    const char *s = p->c->s;
    size_t end = p->end;
    pl_buf *b = scratch(p);
    b->len = 0;
    t->quoted = false;
    while (p->pos < end && !p->c->stop) {
        char ch = s[p->pos];
        if (ch == '(' && is_array_assign(s + t->start, p->pos - t->start)) {
            /* bash NAME=( a b c ): one word */
            size_t close = skip_paren(s, p->pos + 1, end, p->nest);
            if (close >= end) {
                fail(p);
                p->pos = end;
                break;
            }
            put(p, s + p->pos, close + 1 - p->pos);
            p->pos = close + 1;
            continue;
        }
        if (is_blank(ch) || ch == '\n' || is_meta(ch))
            break;
        if (ch == '\\') {
            t->quoted = true;
            if (p->pos + 1 >= end) {
                put(p, "\\", 1);
                p->pos++;
            } else {
                if (s[p->pos + 1] != '\n')
                    put(p, s + p->pos + 1, 1);
                p->pos += 2;
            }
        } else if (ch == '\'') {
            t->quoted = true;
            const char *q = memchr(s + p->pos + 1, '\'', end - p->pos - 1);
            if (!q) {
                fail(p);
                p->pos = end;
                break;
            }
            put(p, s + p->pos + 1, (size_t)(q - s) - p->pos - 1);
            p->pos = (size_t)(q - s) + 1;
        } else if (ch == '"') {
            t->quoted = true;
            p->pos++;
            for (;;) {
                if (p->pos >= end || p->c->stop) {
                    fail(p);
                    break;
                }
                char d = s[p->pos];
                if (d == '"') {
                    p->pos++;
                    break;
                }
                if (d == '\\' && p->pos + 1 < end) {
                    char e = s[p->pos + 1];
                    if (e == '$' || e == '`' || e == '"' || e == '\\')
                        put(p, &e, 1);
                    else if (e != '\n')
                        put(p, s + p->pos, 2);
                    p->pos += 2;
                } else if (d == '$') {
                    read_dollar(p, true);
                } else if (d == '`') {
                    read_backtick(p);
                } else {
                    put(p, &d, 1);
                    p->pos++;
                }
            }
        } else if (ch == '$') {
            read_dollar(p, false);
        } else if (ch == '`') {
            read_backtick(p);
        } else {
            put(p, &ch, 1);
            p->pos++;
        }
    }
    t->end = p->pos;
    t->cooked = pl_arena_strndup(p->c->a, b->data ? b->data : "", b->len);
}

/* ---- tokens ------------------------------------------------------------------- */

static void skip_heredoc_bodies(sh_parser *p) {
    const char *s = p->c->s;
    for (size_t k = 0; k < p->heredocs.len; k++) {
        sh_heredoc *h = &PL_VEC_AT(p->heredocs, sh_heredoc, k);
        size_t dl = strlen(h->delim);
        bool found = false;
        while (p->pos < p->end) {
            size_t ls = p->pos;
            const char *nl = memchr(s + ls, '\n', p->end - ls);
            size_t le = nl ? (size_t)(nl - s) : p->end;
            p->pos = nl ? le + 1 : p->end;
            size_t te = le;
            while (te > ls && s[te - 1] == '\r')
                te--;
            if (h->chomp)
                while (ls < te && s[ls] == '\t')
                    ls++;
            if (te - ls == dl && memcmp(s + ls, h->delim, dl) == 0) {
                found = true;
                break;
            }
        }
        if (!found)
            p->c->incomplete = true;
    }
    p->heredocs.len = 0;
}

static const char *const ops[] = {
    ";;&", "&>>", "<<-", "<<<", "&&", "||", ";;", ";&", "|&", ">>", "<<", ">&",
    "<&",  "<>",  ">|",  "&>",  ";",  "&",  "|",  "<",  ">",  "(",  ")",  NULL,
};

static void next_token(sh_parser *p, sh_tok *t) {
    const char *s = p->c->s;
    t->op = NULL;
    t->cooked = NULL;
    t->quoted = false;
    for (;;) {
        while (p->pos < p->end && is_blank(s[p->pos]))
            p->pos++;
        if (p->pos + 1 < p->end && s[p->pos] == '\\' && s[p->pos + 1] == '\n') {
            p->pos += 2;
            continue;
        }
        if (p->pos < p->end && s[p->pos] == '#') {
            const char *nl = memchr(s + p->pos, '\n', p->end - p->pos);
            p->pos = nl ? (size_t)(nl - s) : p->end;
            continue;
        }
        break;
    }
    t->start = p->pos;
    if (p->pos >= p->end || p->c->stop) {
        t->type = T_END;
        return;
    }
    char ch = s[p->pos];
    if (ch == '\n') {
        p->pos++;
        t->type = T_NEWLINE;
        if (p->heredocs.len)
            skip_heredoc_bodies(p);
        return;
    }
    if (is_meta(ch)) {
        for (int k = 0; ops[k]; k++) {
            size_t n = strlen(ops[k]);
            if (p->pos + n <= p->end && memcmp(s + p->pos, ops[k], n) == 0) {
                t->type = T_OP;
                t->op = ops[k];
                p->pos += n;
                t->end = p->pos;
                return;
            }
        }
    }
    t->type = T_WORD;
    read_word(p, t);
    if (!t->quoted && p->pos < p->end && (s[p->pos] == '<' || s[p->pos] == '>') && t->cooked[0]) {
        bool digits = true;
        for (const char *q = t->cooked; *q; q++)
            if (*q < '0' || *q > '9')
                digits = false;
        if (digits && strlen(t->cooked) < 6)
            t->type = T_IONUM;
    }
}

/* ---- commands ------------------------------------------------------------------ */

static const sh_frame *top_c(const sh_parser *p) {
    return p->frames.len ? &PL_VEC_AT(p->frames, sh_frame, p->frames.len - 1) : NULL;
}

static int cur_depth(const sh_parser *p) {
    const sh_frame *f = top_c(p);
    return f ? f->depth : p->base_depth;
}

static const char *cur_kw(const sh_parser *p) {
    const sh_frame *f = top_c(p);
    return f ? f->eff_kw : p->base_kw;
}

static sh_frame *top(sh_parser *p) {
    return p->frames.len ? &PL_VEC_AT(p->frames, sh_frame, p->frames.len - 1) : NULL;
}

static void push_frame(sh_parser *p, enum frame_kind k, const char *kw) {
    int depth = cur_depth(p) + (k == F_BRACE || k == F_PAREN);
    const char *eff = kw ? kw : cur_kw(p);
    sh_frame *f = PL_VEC_PUSH(p->c->a, &p->frames, sh_frame);
    f->kind = k;
    f->kw = kw;
    f->patterns = false;
    f->depth = depth;
    f->eff_kw = eff;
    p->nkind[k]++;
}

/* Drops the frames from index n up. */
static void pop_frames(sh_parser *p, size_t n) {
    while (p->frames.len > n)
        p->nkind[PL_VEC_AT(p->frames, sh_frame, --p->frames.len).kind]--;
}

/* Pops frames down to and including the innermost one matching; false if none. The
 * counts keep a closer with nothing to close from searching the whole stack. */
static bool pop_to(sh_parser *p, enum frame_kind k1, enum frame_kind k2) {
    if (p->nkind[k1] == 0 && p->nkind[k2] == 0)
        return false;
    for (size_t i = p->frames.len; i > 0; i--) {
        enum frame_kind k = PL_VEC_AT(p->frames, sh_frame, i - 1).kind;
        if (k == k1 || k == k2) {
            if (i != p->frames.len)
                p->c->incomplete = true; /* something inside was left open */
            pop_frames(p, i - 1);
            return true;
        }
    }
    return false;
}

static bool cmd_empty(const sh_parser *p) {
    return p->argv.len == 0 && p->assigns.len == 0 && p->redirs.len == 0;
}

static void reset_cmd(sh_parser *p) {
    memset(&p->argv, 0, sizeof p->argv);
    memset(&p->raw, 0, sizeof p->raw);
    memset(&p->assigns, 0, sizeof p->assigns);
    memset(&p->redirs, 0, sizeof p->redirs);
    p->cmd_started = false;
}

static const char *basename_of(const char *s) {
    const char *slash = strrchr(s, '/');
    return slash ? slash + 1 : s;
}

/* Ends the command being built; op is what joins it to the next one. */
static void finish(sh_parser *p, const char *op) {
    sh_ctx *c = p->c;
    bool emit = p->argv.len > 0 || p->assigns.len > 0 || (p->redirs.len > 0 && !p->after_closer);
    if (!emit) {
        /* `fi && x`, `done | sort`, `) || true`: the operator follows a compound command;
         * the closest thing to it is the last command inside */
        if (op && p->after_closer && p->last >= 0 && strcmp(op, ";") != 0)
            PL_VEC_AT(c->out, pl_sh_command, p->last).op = op;
        reset_cmd(p);
        if (op)
            p->after_closer = false;
        return;
    }
    pl_sh_command *cmd = PL_VEC_PUSH(c->a, &c->out, pl_sh_command);
    cmd->argv = p->argv.items;
    cmd->argc = p->argv.len;
    cmd->raw = p->raw.items;
    cmd->name = cmd->argc ? basename_of(cmd->argv[0]) : "";
    cmd->op = op;
    cmd->line = command_line(p, p->cmd_off);
    cmd->column = command_column(p, p->cmd_off);
    cmd->depth = cur_depth(p);
    cmd->subst = p->subst;
    cmd->assignments = p->assigns.items;
    cmd->nassignments = p->assigns.len;
    cmd->redirects = p->redirs.items;
    cmd->nredirects = p->redirs.len;
    cmd->keyword = cur_kw(p);
    p->last = (int)(c->out.len - 1);
    p->after_closer = false;
    reset_cmd(p);
}

static void mark_start(sh_parser *p, const sh_tok *t) {
    if (!p->cmd_started) {
        p->cmd_started = true;
        p->cmd_off = t->start;
    }
}

static bool is_assignment(const char *raw) {
    if (!is_name_start(raw[0]))
        return false;
    const char *q = raw + 1;
    while (is_name_char(*q))
        q++;
    return *q == '=' || (*q == '+' && q[1] == '=');
}

static bool is_redirect_op(const char *op) {
    return op[0] == '<' || op[0] == '>' || (op[0] == '&' && op[1] == '>');
}

static void redirect(sh_parser *p, const sh_tok *optok, int fd) {
    sh_tok t;
    size_t save = p->pos;
    next_token(p, &t);
    if (t.type != T_WORD && t.type != T_IONUM) {
        p->pos = save; /* `cmd >` with nothing after: not a redirect we can follow */
        p->c->incomplete = true;
        return;
    }
    if (!p->cmd_started) {
        p->cmd_started = true;
        p->cmd_off = optok->start;
    }
    pl_sh_redirect *r = PL_VEC_PUSH(p->c->a, &p->redirs, pl_sh_redirect);
    r->fd = fd;
    r->op = optok->op;
    r->target = t.cooked;
    if (strcmp(optok->op, "<<") == 0 || strcmp(optok->op, "<<-") == 0) {
        sh_heredoc *h = PL_VEC_PUSH(p->c->a, &p->heredocs, sh_heredoc);
        h->delim = t.cooked;
        h->chomp = optok->op[2] == '-';
    }
}

/* Words in command position that open, continue or close compound commands. */
static bool keyword(sh_parser *p, const char *w) {
    switch (w[0]) {
    case 'i':
        if (strcmp(w, "if") == 0) {
            push_frame(p, F_IF, "if");
            return true;
        }
        break;
    case 'w':
        if (strcmp(w, "while") == 0) {
            push_frame(p, F_LOOP, "while");
            return true;
        }
        break;
    case 'u':
        if (strcmp(w, "until") == 0) {
            push_frame(p, F_LOOP, "until");
            return true;
        }
        break;
    case 't': return strcmp(w, "then") == 0;
    case 'd':
        if (strcmp(w, "do") == 0)
            return true;
        if (strcmp(w, "done") == 0) {
            if (!pop_to(p, F_LOOP, F_FOR))
                p->c->incomplete = true;
            p->after_closer = true;
            return true;
        }
        break;
    case 'e':
        if (strcmp(w, "else") == 0 || strcmp(w, "elif") == 0)
            return true;
        if (strcmp(w, "esac") == 0) {
            if (!pop_to(p, F_CASE, F_CASE))
                p->c->incomplete = true;
            p->after_closer = true;
            return true;
        }
        break;
    case 'f':
        if (strcmp(w, "fi") == 0) {
            if (!pop_to(p, F_IF, F_IF))
                p->c->incomplete = true;
            p->after_closer = true;
            return true;
        }
        if (strcmp(w, "for") == 0) {
            push_frame(p, F_FOR, "for");
            p->for_state = 1;
            return true;
        }
        if (strcmp(w, "function") == 0) {
            p->func_state = 1;
            return true;
        }
        break;
    case 'c':
        if (strcmp(w, "case") == 0) {
            push_frame(p, F_CASE, "case");
            p->case_state = 1;
            return true;
        }
        break;
    case '{':
        if (w[1] == 0) {
            push_frame(p, F_BRACE, p->func_pending ? "function" : NULL);
            p->func_pending = false;
            return true;
        }
        break;
    case '}':
        if (w[1] == 0) {
            sh_frame *f = top(p);
            if (f && f->kind == F_BRACE) {
                pop_frames(p, p->frames.len - 1);
                p->after_closer = true;
                return true;
            }
            if (pop_to(p, F_BRACE, F_BRACE)) {
                p->after_closer = true;
                return true;
            }
        }
        break;
    case '!': return w[1] == 0;
    }
    return false;
}

static void on_word(sh_parser *p, sh_tok *t) {
    sh_frame *f = top(p);
    const char *w = t->cooked;
    if (f && f->kind == F_CASE && f->patterns) {
        if (!t->quoted && strcmp(w, "esac") == 0) {
            pop_frames(p, p->frames.len - 1);
            p->after_closer = true;
        }
        return;
    }
    if (p->case_state == 1) {
        p->case_state = 2;
        return;
    }
    if (p->case_state == 2) {
        p->case_state = 0;
        if (f && f->kind == F_CASE)
            f->patterns = true;
        if (strcmp(w, "in") != 0)
            p->c->incomplete = true;
        return;
    }
    if (p->for_state == 1) {
        p->for_state = 2;
        return;
    }
    if (p->for_state == 2) {
        p->for_state = strcmp(w, "in") == 0 ? 3 : 0;
        if (p->for_state == 0 && strcmp(w, "do") != 0)
            p->c->incomplete = true;
        return;
    }
    if (p->for_state == 3)
        return;
    if (p->func_state == 1) {
        p->func_state = 0;
        p->func_pending = true;
        /* `function name()`: the parentheses are optional in bash */
        size_t i = p->pos;
        while (i < p->end && is_blank(p->c->s[i]))
            i++;
        if (i + 1 < p->end && p->c->s[i] == '(') {
            size_t j = i + 1;
            while (j < p->end && is_blank(p->c->s[j]))
                j++;
            if (j < p->end && p->c->s[j] == ')')
                p->pos = j + 1;
        }
        return;
    }
    if (p->argv.len == 0 && p->assigns.len == 0 && !t->quoted && keyword(p, w))
        return;
    p->after_closer = false;
    mark_start(p, t);
    const char *raw = pl_arena_strndup(p->c->a, p->c->s + t->start, t->end - t->start);
    if (p->argv.len == 0 && is_assignment(raw)) {
        *PL_VEC_PUSH(p->c->a, &p->assigns, const char *) = raw;
        return;
    }
    if (p->argv.len == 0)
        p->cmd_off = t->start;
    *PL_VEC_PUSH(p->c->a, &p->argv, const char *) = w;
    *PL_VEC_PUSH(p->c->a, &p->raw, const char *) = raw;
}

static void on_op(sh_parser *p, sh_tok *t) {
    const char *op = t->op;
    sh_frame *f = top(p);
    if (f && f->kind == F_CASE && f->patterns) {
        if (op[0] == ')')
            f->patterns = false;
        return; /* '(' and '|' between patterns */
    }
    if (is_redirect_op(op)) {
        redirect(p, t, -1);
        return;
    }
    if (op[0] == '(' && op[1] == 0) {
        if (p->argv.len == 1 && p->assigns.len == 0) {
            /* name ( ) : a function definition, not a command */
            size_t i = p->pos;
            while (i < p->end && is_blank(p->c->s[i]))
                i++;
            if (i < p->end && p->c->s[i] == ')') {
                p->pos = i + 1;
                reset_cmd(p);
                p->func_pending = true;
                return;
            }
        }
        if (!cmd_empty(p)) {
            p->c->incomplete = true;
            finish(p, NULL);
        }
        push_frame(p, F_PAREN, p->func_pending ? "function" : NULL);
        p->func_pending = false;
        return;
    }
    if (op[0] == ')' && op[1] == 0) {
        if (p->nkind[F_PAREN] == 0) {
            finish(p, NULL);
            fail(p);
            return;
        }
        finish(p, NULL);
        pop_to(p, F_PAREN, F_PAREN);
        p->after_closer = true;
        return;
    }
    if (op[0] == ';' && op[1] == ';') {
        finish(p, ";");
        for (size_t i = p->frames.len; i > 0 && p->nkind[F_CASE]; i--) {
            sh_frame *g = &PL_VEC_AT(p->frames, sh_frame, i - 1);
            if (g->kind == F_CASE) {
                pop_frames(p, i);
                g->patterns = true;
                break;
            }
        }
        return;
    }
    if (op[0] == ';' && op[1] == '&') {
        finish(p, ";");
        return;
    }
    if (strcmp(op, ";") == 0 && (p->for_state || p->case_state)) {
        p->for_state = 0;
        return;
    }
    if (strcmp(op, "|&") == 0)
        op = "|";
    finish(p, op);
}

static void parse_level(sh_ctx *c, size_t start, size_t end, int line, size_t lstart, int subst,
                        int depth, const char *kw, int nest) {
    sh_parser p;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.pos = p.base = p.lpos = start;
    p.lstart = p.base_lstart = lstart;
    p.end = end;
    p.line = p.base_line = line;
    p.subst = subst;
    p.base_depth = depth;
    p.base_kw = kw;
    p.nest = nest;
    p.last = -1;
    sh_tok t;
    for (;;) {
        next_token(&p, &t);
        if (c->stop || t.type == T_END)
            break;
        switch (t.type) {
        case T_NEWLINE:
            if (p.for_state)
                p.for_state = 0;
            if (p.case_state == 0)
                finish(&p, cmd_empty(&p) ? NULL : ";");
            break;
        case T_OP: on_op(&p, &t); break;
        case T_IONUM: {
            int fd = atoi(t.cooked);
            sh_tok o;
            next_token(&p, &o);
            if (o.type == T_OP && is_redirect_op(o.op)) {
                if (!p.cmd_started) {
                    p.cmd_started = true;
                    p.cmd_off = t.start;
                }
                redirect(&p, &o, fd);
            }
            break;
        }
        case T_WORD: on_word(&p, &t); break;
        case T_END: break;
        }
    }
    if (!c->stop)
        finish(&p, NULL); /* a command cut by an unbalanced quote is not listed */
    if (p.frames.len || p.case_state || p.func_pending)
        c->incomplete = true;
}

void pl_sh_parse(pl_arena *a, const char *script, size_t len, const pl_line_map *lines,
                 int first_line, pl_sh_script *out) {
    sh_ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.s = script ? script : "";
    c.map = lines;
    for (int i = 0; i < SH_MAX_NEST + 2; i++)
        pl_buf_init(&c.buf[i]);
    if (script)
        parse_level(&c, 0, len, first_line, 0, 0, 0, NULL, 0);
    for (int i = 0; i < SH_MAX_NEST + 2; i++)
        pl_buf_free(&c.buf[i]);
    out->commands = c.out.items;
    out->ncommands = c.out.len;
    out->complete = !c.incomplete;
}
