/* context.c — what a Dockerfile's build context keeps out: its .dockerignore.
 *
 * The context is taken to be the Dockerfile's directory. BuildKit prefers an ignore file
 * named after the Dockerfile (`api.Dockerfile.dockerignore`) to the context's
 * `.dockerignore`; patterns are read as moby's ignorefile.ReadAll reads them, so that a
 * rule asking "is .git excluded?" sees what the builder sees. Matching is left to rules. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "plimsoll/document.h"

/* An ignore file larger than this is not a hand-written list of patterns. */
#define MAX_IGNORE_FILE (1u << 20)

/* filepath.Clean on a pattern: one slash between elements, no `.` elements, `x/..`
 * folded, no trailing slash; "" becomes ".". */
static char *clean_path(pl_arena *a, const char *s, size_t n) {
    char *out = pl_arena_alloc(a, n + 2);
    size_t o = 0;
    bool rooted = n > 0 && s[0] == '/';
    if (rooted)
        out[o++] = '/';
    size_t floor = o; /* `..` never climbs above the root or earlier `..` */
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == '/')
            i++;
        size_t start = i;
        while (i < n && s[i] != '/')
            i++;
        size_t len = i - start;
        if (len == 0 || (len == 1 && s[start] == '.'))
            continue;
        if (len == 2 && s[start] == '.' && s[start + 1] == '.') {
            if (o > floor) {
                while (o > floor && out[o - 1] != '/')
                    o--;
                if (o > floor)
                    o--; /* the separator before the dropped element */
                continue;
            }
            if (rooted)
                continue; /* /.. is / */
            if (o > 0)
                out[o++] = '/';
            out[o++] = '.';
            out[o++] = '.';
            floor = o;
            continue;
        }
        if (o > 0 && out[o - 1] != '/')
            out[o++] = '/';
        memcpy(out + o, s + start, len);
        o += len;
    }
    if (o == 0)
        out[o++] = '.';
    out[o] = 0;
    return out;
}

static bool space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void parse_ignore(pl_arena *a, pl_build_context *ctx, const char *text, size_t len) {
    pl_vec v = {0};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (int line = 1; i < len; line++) {
        size_t b = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t e = i;
        i++; /* past the newline */
        if (b < e && text[b] == '#')
            continue;
        while (b < e && space(text[b]))
            b++;
        while (e > b && space(text[e - 1]))
            e--;
        if (b == e)
            continue;
        bool negate = text[b] == '!';
        if (negate) {
            b++;
            while (b < e && space(text[b]))
                b++;
        }
        const char *pat = "";
        if (b < e) {
            char *c = clean_path(a, text + b, e - b);
            if (c[0] == '/' && c[1] != 0)
                c++;
            pat = c;
        }
        pl_ignore_pattern *p = PL_VEC_PUSH(a, &v, pl_ignore_pattern);
        p->pattern = pat;
        p->negate = negate;
        p->line = line;
    }
    ctx->patterns = v.items;
    ctx->npatterns = v.len;
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 || errno != ENOENT;
}

int pl_context_read(pl_arena *a, const char *dockerfile_path, pl_context_source *out,
                    pl_error *err) {
    memset(out, 0, sizeof *out);
    const char *slash = strrchr(dockerfile_path, '/');
    /* the directory with its slash, so that the shared ignore file is dir + name */
    size_t dl = slash ? (size_t)(slash - dockerfile_path) + 1 : 0;
    size_t fl = strlen(dockerfile_path);
    char *own = pl_arena_alloc(a, fl + sizeof ".dockerignore");
    memcpy(own, dockerfile_path, fl);
    memcpy(own + fl, ".dockerignore", sizeof ".dockerignore");
    char *shared = pl_arena_alloc(a, dl + sizeof ".dockerignore");
    memcpy(shared, dockerfile_path, dl);
    memcpy(shared + dl, ".dockerignore", sizeof ".dockerignore");
    out->dir = dl == 0 ? "." : dl == 1 ? "/" : pl_arena_strndup(a, dockerfile_path, dl - 1);
    const char *candidates[] = {own, shared};
    for (size_t k = 0; k < 2; k++) {
        if (!exists(candidates[k]))
            continue;
        char *text;
        size_t len;
        if (pl_file_read(a, candidates[k], MAX_IGNORE_FILE, &text, &len, err) != 0)
            return -1;
        out->ignore_path = candidates[k];
        out->ignore_text = text;
        out->ignore_len = len;
        break;
    }
    return 0;
}

void pl_context_attach_text(pl_arena *a, pl_document *doc, const pl_context_source *src) {
    if (!doc || doc->kind != PL_DOC_DOCKERFILE || !src || !src->dir)
        return;
    pl_build_context *ctx = pl_arena_alloc(a, sizeof *ctx);
    memset(ctx, 0, sizeof *ctx);
    ctx->dir = pl_arena_strdup(a, src->dir);
    if (src->ignore_path) {
        ctx->dockerignore = pl_arena_strdup(a, src->ignore_path);
        parse_ignore(a, ctx, src->ignore_text ? src->ignore_text : "", src->ignore_len);
    }
    doc->context = ctx;
}

int pl_document_attach_context(pl_arena *a, pl_document *doc, const char *dockerfile_path,
                               pl_error *err) {
    if (!doc || doc->kind != PL_DOC_DOCKERFILE || !dockerfile_path ||
        strcmp(dockerfile_path, "-") == 0)
        return 0;
    pl_context_source src;
    if (pl_context_read(a, dockerfile_path, &src, err) != 0)
        return -1;
    pl_context_attach_text(a, doc, &src);
    return 0;
}
