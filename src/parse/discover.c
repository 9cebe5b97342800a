/* discover.c — from the paths on a command line to a sorted list of files to check.
 *
 * Names decide first (Dockerfile, Containerfile and their variants); JSON files are
 * opened and sniffed so a repository's package.json never becomes a finding. A path the
 * user named is always a target, so a typo'd or unsupported file is reported rather than
 * skipped. The list is sorted so reports do not depend on readdir order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plimsoll/document.h"

#define SNIFF_BYTES 65536

static bool has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Names that carry "Dockerfile." but are not Dockerfiles: BuildKit's per-Dockerfile
 * ignore file, templates, docs, editor and patch leftovers. */
static bool is_companion(const char *name) {
    static const char *const skip[] = {".dockerignore", ".md", ".txt", ".sh", ".bak", ".orig",
                                       ".rej", ".swp", "~", ".tmpl", ".tpl", ".template",
                                       ".j2", ".jinja", ".jinja2", ".erb", NULL};
    for (const char *const *s = skip; *s; s++)
        if (has_suffix(name, *s))
            return true;
    return false;
}

pl_doc_kind pl_discover_kind_by_name(const char *basename, bool *maybe_json) {
    if (maybe_json)
        *maybe_json = false;
    if (!basename)
        return PL_DOC_UNKNOWN;
    if (strcmp(basename, "Dockerfile") == 0 || strcmp(basename, "Containerfile") == 0)
        return PL_DOC_DOCKERFILE;
    if (has_suffix(basename, ".json")) {
        if (maybe_json)
            *maybe_json = true;
        return PL_DOC_UNKNOWN;
    }
    if (is_companion(basename))
        return PL_DOC_UNKNOWN;
    if (strncmp(basename, "Dockerfile.", 11) == 0 || strncmp(basename, "Containerfile.", 14) == 0)
        return PL_DOC_DOCKERFILE;
    size_t n = strlen(basename);
    if ((has_suffix(basename, ".Dockerfile") && n > 11) ||
        (has_suffix(basename, ".dockerfile") && n > 11))
        return PL_DOC_DOCKERFILE;
    return PL_DOC_UNKNOWN;
}

static void push(pl_target_list *l, const char *path, pl_doc_kind kind) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pl_target *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            abort(); /* out of memory is not an input error */
        l->items = items;
        l->cap = cap;
    }
    char *p = strdup(path);
    if (!p)
        abort();
    l->items[l->n].path = p;
    l->items[l->n].kind = kind;
    l->n++;
}

void pl_target_list_free(pl_target_list *l) {
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].path);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* Reads at most SNIFF_BYTES: enough for the leading keys of any config. */
static bool sniff_file(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char *buf = malloc(SNIFF_BYTES);
    if (!buf)
        abort();
    size_t got = 0;
    while (got < SNIFF_BYTES) {
        ssize_t r = read(fd, buf + got, SNIFF_BYTES - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    bool yes = pl_image_sniff(buf, got);
    free(buf);
    return yes;
}

static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static char *join(const char *dir, const char *name) {
    size_t dl = strlen(dir), nl = strlen(name);
    /* "." lists its entries without the "./" so paths read as users write them */
    if (strcmp(dir, ".") == 0)
        dl = 0;
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + slash + nl + 1);
    if (!p)
        abort();
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

/* A directory with a bundle.yaml is a policy bundle: its fixtures are deliberately bad
 * inputs for the bundle's own tests (plimsoll test), not builds of the project. */
static bool is_bundle(const char *dir) {
    char *m = join(dir, "bundle.yaml");
    struct stat st;
    bool yes = stat(m, &st) == 0 && S_ISREG(st.st_mode);
    free(m);
    return yes;
}

static int walk(const char *dir, pl_target_list *out, pl_error *err, int depth) {
    if (depth > 256)
        return pl_error_set(err, dir, 0, 0, "directory tree too deep: %s", dir);
    DIR *d = opendir(dir);
    if (!d)
        return pl_error_set(err, dir, 0, 0, "cannot read directory %s: %s", dir, strerror(errno));
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d))) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, ".git") == 0 ||
            strcmp(name, "node_modules") == 0)
            continue;
        char *p = join(dir, name);
        struct stat lst, st;
        if (lstat(p, &lst) != 0) {
            free(p); /* vanished while we walked */
            continue;
        }
        bool link = S_ISLNK(lst.st_mode);
        if (link && stat(p, &st) != 0) {
            free(p); /* a dangling link is not a file to check */
            continue;
        }
        if (!link)
            st = lst;
        if (S_ISDIR(st.st_mode)) {
            /* a symlinked directory can loop back on the tree */
            if (!link && !is_bundle(p))
                rc = walk(p, out, err, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            bool json;
            pl_doc_kind k = pl_discover_kind_by_name(name, &json);
            if (k == PL_DOC_DOCKERFILE)
                push(out, p, k);
            else if (json && sniff_file(p))
                push(out, p, PL_DOC_IMAGE);
        }
        free(p);
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b) {
    const pl_target *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    /* equal paths: the decided kind first, so the duplicate dropped is the vaguer one */
    return c ? c : (int)(y->kind != PL_DOC_UNKNOWN) - (int)(x->kind != PL_DOC_UNKNOWN);
}

int pl_discover(const char *const *paths, size_t n, pl_target_list *out, pl_error *err) {
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return pl_error_set(err, paths[i], 0, 0, "no such file or directory: %s", paths[i]);
            return pl_error_set(err, paths[i], 0, 0, "cannot access %s: %s", paths[i], strerror(errno));
        }
    }
    for (size_t i = 0; i < n; i++) {
        const char *p = paths[i];
        struct stat st;
        if (strcmp(p, "-") == 0) {
            push(out, p, PL_DOC_UNKNOWN); /* the caller decides: --type, or sniffing */
            continue;
        }
        if (stat(p, &st) != 0) {
            pl_target_list_free(out);
            return pl_error_set(err, p, 0, 0, "no such file or directory: %s", p);
        }
        if (S_ISDIR(st.st_mode)) {
            if (walk(p, out, err, 0) < 0) {
                pl_target_list_free(out);
                return -1;
            }
            continue;
        }
        bool json;
        pl_doc_kind k = pl_discover_kind_by_name(base_name(p), &json);
        if (json)
            k = sniff_file(p) ? PL_DOC_IMAGE : PL_DOC_UNKNOWN; /* load reports what it is */
        else if (k == PL_DOC_UNKNOWN)
            k = PL_DOC_DOCKERFILE; /* named explicitly: take the user at their word */
        push(out, p, k);
    }
    if (out->n > 1) {
        qsort(out->items, out->n, sizeof *out->items, by_path);
        size_t w = 1;
        for (size_t r = 1; r < out->n; r++) {
            if (strcmp(out->items[r].path, out->items[w - 1].path) == 0)
                free(out->items[r].path);
            else
                out->items[w++] = out->items[r];
        }
        out->n = w;
    }
    return 0;
}
