/* shell.h — BuildKit's word lexer (quote removal, ${VAR} expansion, word splitting) and
 * a POSIX sh reader that turns a RUN script into simple commands.
 *
 * The lexer follows shell/lex.go as described in shared/reference/buildkit-parser.md §8;
 * the sh reader is plimsoll's own: it never executes anything, it only says which
 * commands a script would run, joined by which operators, on which lines. */
#ifndef PLIMSOLL_SHELL_H
#define PLIMSOLL_SHELL_H

#include "plimsoll/core.h"

/* ---- variables -------------------------------------------------------------- */

/* One variable in scope. value == NULL means declared but not decidable (an ARG with no
 * default and no --build-arg): it expands to "" as in BuildKit, and is reported as
 * unresolved so a rule can tell. */
typedef struct pl_env_var {
    const char *name;
    const char *value;
} pl_env_var;

typedef struct pl_env pl_env;
struct pl_env {
    pl_vec vars; /* of pl_env_var, each name once */
    /* a hash index into vars (index + 1, 0 empty), built once there are more than a
     * few: a stage of thousands of ENV must not cost a scan per lookup */
    size_t *slots;
    size_t nslots; /* a power of two, or 0 */
    /* what this one was copied from and shadows: a chain of stages built on each other
     * shares its variables instead of copying them all at every FROM */
    const pl_env *base;
    int depth; /* of the base chain */
};

/* Sets (or replaces) name; value NULL marks it undecidable. Strings are not copied. */
void pl_env_set(pl_arena *a, pl_env *env, const char *name, const char *value);
/* Returns the entry, or NULL when the name is unset. */
const pl_env_var *pl_env_get(const pl_env *env, const char *name, size_t name_len);
/* A copy whose later pl_env_set calls do not affect the original. It may read through
 * to the original, which must not change while the copy is in use. */
pl_env pl_env_copy(pl_arena *a, const pl_env *env);

/* ---- lexer (shell/lex.go) --------------------------------------------------- */

typedef struct pl_lex_opts {
    char escape;              /* '\\' or '`' */
    bool raw_quotes;          /* keep quote characters */
    bool raw_escapes;         /* keep escape characters */
    bool skip_process_quotes; /* quotes are ordinary characters */
    bool skip_unset_env;      /* $X / ${X} of an unset X stay as written */
    const pl_env *env;        /* NULL: nothing is set */
} pl_lex_opts;

/* What a lexing pass noticed, for the model (unresolved names) and heredocs (quotes). */
typedef struct pl_lex_info {
    pl_vec unresolved;   /* const char *: names that were unset or undecidable, in order */
    bool removed_quotes; /* some quote character was removed */
    size_t len;          /* byte length of pl_lex_word's result (NUL bytes are data) */
    pl_vec word_lens;    /* size_t: byte length of each word pl_lex_words appended */
} pl_lex_info;

/* ProcessWord: one result string, nothing split. info may be NULL. */
int pl_lex_word(pl_arena *a, const char *src, size_t len, const pl_lex_opts *o, char **out,
                pl_lex_info *info, pl_error *err);
/* ProcessWords: a list of words (const char *) appended to *words. info may be NULL. */
int pl_lex_words(pl_arena *a, const char *src, size_t len, const pl_lex_opts *o, pl_vec *words,
                 pl_lex_info *info, pl_error *err);

/* ---- line maps -------------------------------------------------------------- */

/* Maps byte offsets in a joined instruction text back to physical lines: segment i
 * starts at offsets[i] and lies on lines[i]. */
typedef struct pl_line_map {
    const size_t *offsets;
    const int *lines;
    size_t n;
    const int *columns; /* 1-based byte column where segment i starts; NULL: unknown */
} pl_line_map;
int pl_line_map_line(const pl_line_map *m, size_t offset);   /* 0 when the map is empty */
int pl_line_map_column(const pl_line_map *m, size_t offset); /* 0 when unknown */

/* ---- sh reader -------------------------------------------------------------- */

typedef struct pl_sh_redirect {
    int fd;             /* -1 when not written (defaults by op) */
    const char *op;     /* ">", ">>", "<", "<<", "<<-", "<<<", ">&", "<&", "&>", ">|" */
    const char *target; /* the word after the operator, quotes removed */
} pl_sh_redirect;

typedef struct pl_sh_command {
    const char **argv; /* words with quotes removed and escapes applied; $VAR kept as written */
    size_t argc;
    const char **raw; /* the same words as written (quotes kept) */
    const char *name; /* basename of argv[0] ("/usr/bin/apt-get" -> "apt-get"); "" if none */
    const char *op;   /* operator joining it to the next command: "&&" "||" ";" "|" "&", or NULL */
    int line;         /* physical line of argv[0] in the file (0 if unknown) */
    int column;       /* 1-based byte column of argv[0] on that line (0 if unknown) */
    int depth;        /* nesting of ( ) and { } groups around it */
    int subst;        /* 0, or nesting level of $( ) / backticks it was found in */
    const char **assignments; /* leading NAME=value words */
    size_t nassignments;
    pl_sh_redirect *redirects;
    size_t nredirects;
    const char *keyword; /* compound context it sits in: "if" "while" "for" "case" ..., or NULL */
} pl_sh_command;

typedef struct pl_sh_script {
    pl_sh_command *commands;
    size_t ncommands;
    bool complete; /* false when the reader met something it could not follow (unbalanced
                      quotes or parentheses); the commands up to there are still listed */
} pl_sh_script;

/* Reads a POSIX sh script. lines may be NULL (then line = first_line + newlines seen).
 * Never fails on odd input: what cannot be read ends the list with complete = false. */
void pl_sh_parse(pl_arena *a, const char *script, size_t len, const pl_line_map *lines,
                 int first_line, pl_sh_script *out);

#endif
