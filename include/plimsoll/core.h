/* core.h — the few types every plimsoll module shares: arenas, errors, vectors, files.
 *
 * An arena owns every byte of one document (its text, its parse, its model), so a
 * parser can bail out of any depth without a chain of frees. Errors are values: a
 * function that can fail returns 0 or -1 and fills a pl_error the caller owns. */
#ifndef PLIMSOLL_CORE_H
#define PLIMSOLL_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/version.h" /* PL_VERSION, generated from CMakeLists.txt */

/* ---- arena ------------------------------------------------------------------ */

typedef struct pl_arena_chunk pl_arena_chunk;
typedef struct pl_arena {
    pl_arena_chunk *head;
    size_t total; /* bytes handed out, for memory accounting */
} pl_arena;

void pl_arena_init(pl_arena *a);
void pl_arena_free(pl_arena *a);
/* Zeroed, 16-byte aligned memory that lives until pl_arena_free. Aborts only if the
 * system allocator fails (out of memory is not an input error). */
void *pl_arena_alloc(pl_arena *a, size_t n);
char *pl_arena_strdup(pl_arena *a, const char *s);
char *pl_arena_strndup(pl_arena *a, const char *s, size_t n);
char *pl_arena_printf(pl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable array living in an arena: the old block is abandoned on growth, which is
 * fine for parse-sized data. Use through the PL_VEC macros. */
typedef struct pl_vec {
    void *items;
    size_t len, cap;
} pl_vec;
void *pl_vec_push_(pl_arena *a, pl_vec *v, size_t item_size);
#define PL_VEC_PUSH(a, v, type) ((type *)pl_vec_push_((a), (v), sizeof(type)))
#define PL_VEC_AT(v, type, i) (((type *)(v).items)[i])

/* A string built up in an arena (parsers join lines and words with it): like pl_buf, but
 * the bytes live and die with the document. Always NUL-terminated once anything is added. */
typedef struct pl_sbuf {
    char *d;
    size_t len, cap;
} pl_sbuf;
void pl_sbuf_add(pl_arena *a, pl_sbuf *b, const char *s, size_t n);
void pl_sbuf_addc(pl_arena *a, pl_sbuf *b, char c);
/* Appends code point c as UTF-8 (c must be a valid scalar value or below 0x110000). */
void pl_sbuf_rune(pl_arena *a, pl_sbuf *b, int32_t c);
/* The text so far ("" when nothing was added). */
const char *pl_sbuf_str(pl_arena *a, pl_sbuf *b);

/* ---- errors ----------------------------------------------------------------- */

typedef struct pl_error {
    const char *path;  /* not owned; the caller keeps the path alive */
    int line, column;  /* 1-based; 0 when unknown */
    int end_line;      /* last line of the construct in error; 0 when unknown */
    char message[512]; /* what is wrong and, where possible, what to do */
} pl_error;

/* The exit status of a process that ran out of memory: that of any error. A worker exits
 * with it for nothing else, so the parent can say "out of memory" rather than report a
 * signal. */
#define PL_EXIT_NOMEM 2

/* An allocation failed: says so on stderr and ends the process with PL_EXIT_NOMEM.
 * Not abort(): its signal calls are system calls a confined worker may not make, and
 * such a worker died of SIGSYS, which read like an attack rather than a lack of memory. */
_Noreturn void pl_out_of_memory(void);

/* Fills *err (if err is not NULL) and returns -1, so callers can `return pl_error_set(...)`. */
int pl_error_set(pl_error *err, const char *path, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int pl_error_setv(pl_error *err, const char *path, int line, int column, const char *fmt,
                  va_list ap);

/* ---- words a user wrote ------------------------------------------------------ */

/* The candidate nearest to word, for "did you mean" in an error about an unknown name:
 * the fewest insertions, deletions, substitutions and swaps of adjacent characters, case
 * and '-' versus '_' ignored, and only when close enough to be a slip of the keyboard
 * (at most a third of the word's length, and 3), or, failing that, the first candidate
 * that is the word and a '-' qualifier (timeout-ms for timeout). NULL when none is.
 * candidates is NULL-terminated; the first of equally near candidates wins. */
const char *pl_suggest(const char *word, const char *const *candidates);

/* Writes what to tell a user about the unknown name word into out (always terminated):
 * "did you mean 'severity'?" when one candidate is near, else "use title, severity or
 * input". */
void pl_suggest_hint(char *out, size_t size, const char *word, const char *const *candidates);

/* True when text (n bytes, UTF-8) says something: it contains a letter or a digit, not
 * only spaces, punctuation or invisible characters. Reasons must. */
bool pl_text_says_something(const char *text, size_t n);

/* ---- files ------------------------------------------------------------------ */

/* Reads a whole file (or standard input when path is "-") into the arena, NUL-terminated.
 * Refuses files over max_bytes (0: no limit) with a clear error. */
int pl_file_read(pl_arena *a, const char *path, size_t max_bytes, char **out, size_t *len,
                 pl_error *err);

/* Writes data to path. A regular file (or a new one) is replaced atomically: a temporary
 * file beside it (beside the file a symbolic link leads to), fsync, rename; the new file
 * keeps the old one's mode and owner. SIGINT, SIGTERM and SIGHUP wait while the temporary
 * file exists, and one that arrived cancels the write (-1, "interrupted"; path untouched,
 * no temporary file left) before it is delivered. A device, a pipe, a file with several
 * hard links, one whose owner cannot be kept or beside which no file can be made (a
 * directory this user cannot write to) is written in place, as a shell
 * redirection would. Returns 0, or -1 with err (a write error such as ENOSPC included). */
int pl_file_write_atomic(const char *path, const char *data, size_t len, pl_error *err);

/* A growable heap string for building reports and messages. */
typedef struct pl_buf {
    char *data;
    size_t len, cap;
} pl_buf;
void pl_buf_init(pl_buf *b);
void pl_buf_free(pl_buf *b);
void pl_buf_append(pl_buf *b, const char *s, size_t n);
void pl_buf_puts(pl_buf *b, const char *s);
void pl_buf_printf(pl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes ownership of the bytes (NUL-terminated) and resets the buffer. */
char *pl_buf_take(pl_buf *b);

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Length (1..4) of the valid UTF-8 sequence at s, within left bytes, with its code point
 * in *cp (if cp is not NULL); 0 for a byte that starts no valid sequence (overlong forms,
 * surrogates, truncated sequences). */
size_t pl_utf8_len(const char *s, size_t left, uint32_t *cp);
/* Whether s[0..n) is valid UTF-8 throughout. */
bool pl_utf8_valid(const char *s, size_t n);
/* Appends s[0..n) to b with every byte that is not part of valid UTF-8 written as `\xNN`
 * (two lowercase hex digits): the one way every output shows a stray byte. */
void pl_utf8_escape_invalid(pl_buf *b, const char *s, size_t n);

/* ---- hashing ---------------------------------------------------------------- */

/* SHA-256 (FIPS 180-4) of data as 64 lowercase hex digits and a NUL. Used for image IDs
 * (the digest of a config's exact bytes) and lockfiles. */
void pl_sha256_hex(const void *data, size_t len, char out[65]);

#endif
