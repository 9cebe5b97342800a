/* document.h — one input as the engine sees it, and how inputs are found.
 *
 * Discovery decides which files to check and what kind each is (by name first, then by
 * content for JSON). Loading reads and parses one target into a document whose model
 * lives in the document's arena. The parent process of a parallel run reads bytes; a
 * worker parses them, so loading from bytes and from a path are separate calls. */
#ifndef PLIMSOLL_DOCUMENT_H
#define PLIMSOLL_DOCUMENT_H

#include "plimsoll/core.h"
#include "plimsoll/dockerfile.h"
#include "plimsoll/image.h"

typedef enum pl_doc_kind {
    PL_DOC_UNKNOWN = 0,
    PL_DOC_DOCKERFILE,
    PL_DOC_IMAGE,
} pl_doc_kind;

const char *pl_doc_kind_name(pl_doc_kind k);          /* "dockerfile", "image" */
int pl_doc_kind_parse(const char *s, pl_doc_kind *k); /* 0 or -1 */

/* One pattern of a .dockerignore, as BuildKit reads it: comments and blank lines
 * dropped, white space trimmed, a leading `!` taken off into negate, the rest cleaned
 * like a path (`./a//b/` is `a/b`, a leading `/` dropped). */
typedef struct pl_ignore_pattern {
    const char *pattern;
    bool negate; /* `!pattern`: re-includes what earlier patterns excluded */
    int line;    /* 1-based line in the ignore file */
} pl_ignore_pattern;

/* What plimsoll knows of a Dockerfile's build context. The context is taken to be the
 * Dockerfile's directory (what `docker build DIR` uses when the Dockerfile sits in DIR). */
typedef struct pl_build_context {
    const char *dir;
    const char *dockerignore;    /* path of the ignore file in effect; NULL when none */
    pl_ignore_pattern *patterns; /* in file order */
    size_t npatterns;
} pl_build_context;

typedef struct pl_document {
    pl_doc_kind kind;
    const char *path;
    const char *text;
    size_t len;
    pl_dockerfile *dockerfile; /* kind == PL_DOC_DOCKERFILE */
    pl_image *image;           /* kind == PL_DOC_IMAGE: one image */
    pl_build_context *context; /* NULL: not known (standard input, or never looked up) */
} pl_document;

/* A file to check. */
typedef struct pl_target {
    char *path; /* heap-owned */
    pl_doc_kind kind;
} pl_target;

/* Something a directory walk did not turn into a target, with why. */
typedef struct pl_discover_issue {
    char *path;    /* heap-owned: the directory, link or file concerned */
    char *message; /* heap-owned: what happened and what to do */
    bool error;    /* true: could not be walked or read (an error of the run); false: left
                    * out on purpose (a policy bundle, a linked directory: a note) */
} pl_discover_issue;

typedef struct pl_target_list {
    pl_target *items;
    size_t n, cap;
    pl_discover_issue *issues; /* sorted by path */
    size_t nissues, issues_cap;
} pl_target_list;

void pl_target_list_free(pl_target_list *l);

/* How deep a walk goes below a named directory before the rest is an error. */
#define PL_DISCOVER_MAX_DEPTH 256

/* What a directory walk picks up by name: Dockerfile, dockerfile, Containerfile,
 * Dockerfile.*, Dockerfile-*, Containerfile.*, Containerfile-*, *.Dockerfile, *.dockerfile
 * (but not companions such as Dockerfile.md or Dockerfile.dockerignore); *.json is
 * PL_DOC_UNKNOWN with *maybe_json set, until sniffed. */
pl_doc_kind pl_discover_kind_by_name(const char *basename, bool *maybe_json);

/* Expands paths into targets, sorted by path (so reports do not depend on readdir order).
 * A path given explicitly is always a target (a file of unknown kind given by name is read
 * as a Dockerfile unless it is JSON), and a directory given explicitly is always walked.
 * Directories are walked recursively, skipping .git and node_modules. What the walk cannot
 * enter (an unreadable directory, one deeper than PL_DISCOVER_MAX_DEPTH, a Dockerfile that
 * is a broken link or no regular file) or leaves out on purpose (a nested policy bundle, a
 * symbolic link to a directory, a loop; a named directory with nothing to check, when
 * other paths had something) goes to out->issues, and the walk goes on. A
 * missing path is an error (-1, err names it and points into paths), detected before any
 * work. */
int pl_discover(const char *const *paths, size_t n, pl_target_list *out, pl_error *err);

/* Parses bytes into documents. An image file may hold several images (docker inspect of
 * several names): one document each. build_args may be NULL. Returns -1 with err on a
 * parse error. */
int pl_document_load(pl_arena *a, pl_doc_kind kind, const char *path, const char *text, size_t len,
                     const pl_build_args *build_args, pl_document **docs, size_t *ndocs,
                     pl_error *err);

/* Looks up the build context of a Dockerfile read from dockerfile_path: the ignore file
 * BuildKit would use (`<Dockerfile>.dockerignore` beside it, else `.dockerignore` in its
 * directory) is read and parsed into doc->context. A missing ignore file is not an error
 * (context->dockerignore stays NULL); one that exists but cannot be read is (-1, err).
 * Does nothing for other kinds and for standard input ("-"). */
int pl_document_attach_context(pl_arena *a, pl_document *doc, const char *dockerfile_path,
                               pl_error *err);

/* The same in two halves, for a process that cannot open files (a confined worker): the
 * parent reads (pl_context_read: dir, and the ignore file's path and text, NULL when
 * there is none), the worker parses what it was sent (pl_context_attach_text). */
typedef struct pl_context_source {
    const char *dir;
    const char *ignore_path; /* NULL: no ignore file */
    const char *ignore_text;
    size_t ignore_len;
} pl_context_source;
int pl_context_read(pl_arena *a, const char *dockerfile_path, pl_context_source *out,
                    pl_error *err);
void pl_context_attach_text(pl_arena *a, pl_document *doc, const pl_context_source *src);

/* Decides the kind of content given on stdin or under an unknown name. */
pl_doc_kind pl_document_sniff(const char *text, size_t len);

#endif
