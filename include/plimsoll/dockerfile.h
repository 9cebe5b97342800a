/* dockerfile.h — the Dockerfile model: BuildKit's AST plus what BuildKit's dispatcher
 * and plimsoll's analysis add (flags, FROM parts, expanded values, shell commands,
 * stages and their graph).
 *
 * Two passes fill it. pl_dockerfile_parse (parse/dockerfile.c) is BuildKit's parser:
 * lines, directives, continuations, heredocs, the AST. pl_dockerfile_analyze
 * (parse/analyze.c with expand.c and shell.c) is the dispatch layer: it never rejects
 * a file BuildKit's parser accepts; what it cannot decide it marks as such. */
#ifndef PLIMSOLL_DOCKERFILE_H
#define PLIMSOLL_DOCKERFILE_H

#include "plimsoll/core.h"
#include "plimsoll/shell.h"

typedef struct pl_df_flag {
    const char *name;  /* without the leading "--": "mount", "from", "chown" */
    const char *value; /* text after the first '='; NULL when there was no '=' */
    const char *raw;   /* the word as the AST shows it: "--mount=type=cache,target=/x" */
    size_t name_len, value_len, raw_len; /* byte lengths: a NUL byte is data, as in Go */
} pl_df_flag;

typedef struct pl_df_heredoc {
    const char *name;          /* the delimiter, quotes removed */
    const char *body;          /* raw lines between the instruction and the terminator, '\n' kept */
    int line;                  /* first body line (the line after the one that opened it) */
    int end_line;              /* the terminator line */
    int fd;                    /* 0 unless written as N<<NAME */
    bool expand;               /* no quotes in the delimiter */
    bool chomp;                /* <<- : leading tabs are stripped from each line */
    size_t name_len, body_len; /* byte lengths (NUL bytes are data) */
} pl_df_heredoc;

/* ENV, LABEL and ARG entries. For ENV and LABEL key and value are the AST's (quotes
 * kept); the analysis adds the dispatch view. For ARG value is NULL without '='. */
typedef struct pl_df_pair {
    const char *key;
    const char *value;          /* as written (AST); NULL for an ARG without default */
    const char *sep;            /* "=" or "" (legacy "ENV key value") */
    const char *key_expanded;   /* filled by analyze: quotes removed, variables expanded */
    const char *value_expanded; /* NULL when not decidable */
    size_t key_len, value_len;  /* byte lengths of key and value (NUL bytes are data) */
    size_t value_expanded_len;  /* byte length of value_expanded */
} pl_df_pair;

/* A RUN --mount value as BuildKit reads it (encoding/csv fields, keys lowercased, each
 * value expanded on its own, the last of a repeated key winning). */
typedef struct pl_df_mount {
    const char *type; /* lowercased; "bind" unless type= says otherwise */
    const char *from, *source, *target, *id, *sharing, *mode, *uid, *gid; /* NULL: absent */
    bool readonly; /* as BuildKit decides (cache and tmpfs are writable by default) */
    bool required;
    const char **keys;   /* every field in order: key lowercased */
    const char **values; /* its value, expanded (as written when undecidable); NULL: bare */
    size_t nfields;
    const char *error; /* why BuildKit would reject this --mount; NULL when it would not */
} pl_df_mount;

/* An image reference as written in FROM, split the way a registry client would. */
typedef struct pl_df_image_ref {
    const char *raw;        /* the FROM argument as written ("${BASE}:1.2") */
    const char *expanded;   /* after global-ARG expansion; NULL when not decidable */
    const char *registry;   /* "docker.io" when implied; NULL for scratch or a stage */
    const char *repository; /* "library/nginx", "ghcr.io/org/app" without registry: "org/app" */
    const char *image;      /* as written without tag/digest: "nginx", "ghcr.io/org/app" */
    const char *tag;        /* NULL when absent */
    const char *digest;     /* "sha256:...", NULL when absent */
    const char *platform;   /* --platform value, NULL when absent */
    const char *alias;      /* AS name, NULL when absent */
    int stage;              /* >0: the base is that earlier stage (by name or index) */
    bool scratch;           /* FROM scratch */
    const char *name;       /* the repository's last component: "nginx"; NULL with registry */
} pl_df_image_ref;

/* Splits an image reference s (name[:tag][@digest]) into r's image, tag and digest, and
 * when `decidable` (s holds no unexpanded variable) its registry, repository and name.
 * Strings live in the arena; r's other fields are left as they are. The one splitter:
 * the analysis and pl.image_ref both use it (src/parse/imageref.c). */
void pl_image_ref_split(pl_arena *a, const char *s, bool decidable, pl_df_image_ref *r);

typedef struct pl_df_instruction {
    const char *cmd;     /* keyword lowercased as Go's strings.ToLower does: "run", "from",
                            or an unknown word (compare with pl_df_is, which sees NULs) */
    const char *keyword; /* as written: "RUN", "Run" */
    size_t cmd_len, keyword_len, raw_len, value_len; /* byte lengths: NUL bytes are data */
    int line, end_line;      /* 1-based physical lines, continuations and heredocs included */
    int column;              /* column of the keyword on its first line, 1-based */
    int index;               /* 1-based position among the file's instructions */
    int stage;               /* 1-based stage it belongs to; 0 before the first FROM */
    const char *raw;         /* the instruction as the parser joined it (comments dropped) */
    const char *value;       /* the text after keyword and flags, as written (AST "rest") */
    pl_line_map value_lines; /* offsets in value -> physical lines */

    pl_df_flag *flags;
    size_t nflags;
    const char **args; /* BuildKit AST arguments (quotes kept), as the dump shows */
    size_t nargs;
    const size_t *arg_lens; /* byte length of each arg: a JSON "\u0000" decodes to a NUL */
    bool json;              /* exec form: a JSON array of strings */
    pl_df_heredoc *heredocs;
    size_t nheredocs;
    struct pl_df_instruction *sub; /* ONBUILD: the nested instruction (line numbers of parent) */
    const char **comments;         /* doc comments directly above (text after '#', trimmed) */
    size_t ncomments;

    /* ---- filled by pl_dockerfile_analyze ---- */
    bool known;        /* a keyword BuildKit's dispatcher knows (an ONBUILD trigger may
                          not be; a top-level instruction always is, or analysis fails) */
    pl_df_pair *pairs; /* ENV, LABEL, ARG */
    size_t npairs;
    pl_df_image_ref *from;   /* FROM */
    const char *expanded;    /* the arguments after ARG/ENV expansion, quotes removed, where
                                BuildKit expands them (§9) and the values are decidable */
    const char **unresolved; /* variables used but unset or undecidable here */
    size_t nunresolved;
    pl_sh_script script; /* shell form RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD, RUN heredocs */
    bool posix;          /* false when SHELL makes the script PowerShell or cmd */
    const char *user;    /* effective USER when this instruction runs (NULL: root by default) */
    const char *workdir; /* effective WORKDIR ("/" by default) */
    const char **shell;  /* effective SHELL argv */
    size_t nshell;
    pl_df_mount *mounts; /* RUN: each --mount, in order */
    size_t nmounts;
} pl_df_instruction;

typedef struct pl_df_stage {
    int index;        /* 1-based */
    const char *name; /* AS alias, NULL when none */
    int line, end_line;
    size_t first; /* index into pl_dockerfile.instructions of its FROM */
    size_t count; /* instructions in the stage, FROM included */
    /* ---- filled by pl_dockerfile_analyze ---- */
    int base_stage;   /* >0 when FROM names an earlier stage */
    int *copies_from; /* stages it copies from (COPY --from, RUN --mount=from=) */
    size_t ncopies_from;
    bool reaches_final; /* the final stage depends on it (or it is the final stage) */
    bool is_final;
    bool ships;  /* its layers are in the image: the final stage and its FROM bases */
    size_t user; /* the USER instruction in effect at its end, through its FROM
                    bases: an index into instructions + 1; 0 when none */
} pl_df_stage;

typedef struct pl_df_comment {
    int line;
    const char *text; /* after '#', trimmed */
} pl_df_comment;

typedef struct pl_df_directive {
    const char *name; /* lowercased: "syntax", "escape", "check" */
    const char *value;
    int line;
    size_t value_len; /* byte length of value (NUL bytes are data) */
} pl_df_directive;

typedef struct pl_df_warning {
    int line;
    const char *code; /* "empty-continuation", "undefined-var", ... */
    const char *message;
} pl_df_warning;

typedef struct pl_dockerfile {
    const char *path;
    const char *text;
    size_t len;
    char escape;              /* '\\' or '`' */
    bool bom, crlf;           /* the file had a UTF-8 BOM / CRLF line ends */
    int start_line, end_line; /* first line of the first instruction, last of the last */
    pl_df_directive *directives;
    size_t ndirectives;
    pl_df_instruction *instructions;
    size_t ninstructions;
    pl_df_stage *stages;
    size_t nstages;
    pl_df_comment *comments; /* every comment line outside heredoc bodies */
    size_t ncomments;
    pl_df_warning *warnings;
    size_t nwarnings;
    /* ---- filled by pl_dockerfile_analyze ---- */
    pl_df_pair *global_args; /* ARGs before the first FROM */
    size_t nglobal_args;
} pl_dockerfile;

/* Parses text exactly as BuildKit's parser does. On error returns -1 with err filled
 * (path, line, column, message) and *out untouched. Everything lives in the arena. */
int pl_dockerfile_parse(pl_arena *a, const char *path, const char *text, size_t len,
                        pl_dockerfile **out, pl_error *err);

/* Whether the instruction's lowercased keyword is exactly kw ("run"): a keyword with a
 * NUL byte in it is an unknown instruction, as in BuildKit, whatever comes before it. */
bool pl_df_is(const pl_df_instruction *ins, const char *kw);

/* The instruction's lowercased keyword as a C string for dispatch: "" when the keyword
 * holds a NUL byte (an unknown instruction, which no prefix may pass for). */
const char *pl_df_key(const pl_df_instruction *ins);

/* Expands one value for pl_df_mount_parse: the expansion, or NULL when not decidable. */
typedef const char *(*pl_df_expand_fn)(void *ctx, const char *s, size_t n);

/* Reads a --mount value into *m as BuildKit's parseMount does; expand (may be NULL: values
 * as written) is applied to each value. Returns 0, or -1 with m->error set (m keeps the
 * fields read so far). Everything lives in the arena. */
int pl_df_mount_parse(pl_arena *a, const char *value, size_t len, pl_df_expand_fn expand, void *ctx,
                      pl_df_mount *m);

/* The AST dump of BuildKit's parser tests ("(from \"ubuntu\")\n" ...). */
void pl_dockerfile_dump_ast(const pl_dockerfile *df, pl_buf *out);

/* Build arguments as given with --build-arg KEY=VALUE (KEY alone: take it from nowhere,
 * i.e. leave the default). */
typedef struct pl_build_args {
    const char *const *items; /* "KEY=VALUE" */
    size_t n;
} pl_build_args;

/* The dispatch layer: fills every field marked "filled by pl_dockerfile_analyze".
 * Returns -1 only for what BuildKit would reject at dispatch (an unknown instruction,
 * anything but ARG before the first FROM, no FROM at all, a FROM with no image), with
 * *err at the instruction; the model stays usable up to that point. */
int pl_dockerfile_analyze(pl_arena *a, pl_dockerfile *df, const pl_build_args *build_args,
                          pl_error *err);

#endif
