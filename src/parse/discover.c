/* discover.c — from the paths on a command line to a sorted list of files to check.
 *
 * Names decide first (Dockerfile, Containerfile and their variants); JSON files are
 * opened and sniffed so a repository's package.json never becomes a finding. A path the
 * user named is always a target, so a typo'd or unsupported file is reported rather than
 * skipped. A walk never stops at a bad corner of a tree and never skips silently: what it
 * cannot read and what it leaves out travel beside the targets, for the report. The lists
 * are sorted so reports do not depend on readdir order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
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

/* Names that carry "Dockerfile." or "Dockerfile-" but are not Dockerfiles: BuildKit's
 * per-Dockerfile ignore file, docs, scripts and code about Dockerfiles, configuration,
 * templates, editor and patch leftovers. */
static bool is_companion(const char *name) {
    static const char *const skip[] = {
        ".dockerignore", ".md",       ".txt",  ".rst",   ".adoc",   ".html", ".sh",
        ".bash",         ".ps1",      ".py",   ".go",    ".js",     ".ts",   ".rb",
        ".pl",           ".yml",      ".yaml", ".toml",  ".lock",   ".log",  ".bak",
        ".orig",         ".rej",      ".swp",  ".diff",  ".patch",  "~",     ".tmpl",
        ".tpl",          ".template", ".j2",   ".jinja", ".jinja2", ".erb",  NULL};
    for (const char *const *s = skip; *s; s++)
        if (has_suffix(name, *s))
            return true;
    return false;
}

/* The one list of names a walk picks (docs/cli.md repeats it): Dockerfile, dockerfile,
 * Containerfile; Dockerfile.*, Dockerfile-*, Containerfile.*, Containerfile-*;
 * *.Dockerfile, *.dockerfile; minus the companions above. */
pl_doc_kind pl_discover_kind_by_name(const char *basename, bool *maybe_json) {
    if (maybe_json)
        *maybe_json = false;
    if (!basename)
        return PL_DOC_UNKNOWN;
    if (strcmp(basename, "Dockerfile") == 0 || strcmp(basename, "dockerfile") == 0 ||
        strcmp(basename, "Containerfile") == 0)
        return PL_DOC_DOCKERFILE;
    if (has_suffix(basename, ".json")) {
        if (maybe_json)
            *maybe_json = true;
        return PL_DOC_UNKNOWN;
    }
    if (is_companion(basename))
        return PL_DOC_UNKNOWN;
    static const char *const prefixes[] = {"Dockerfile.", "Dockerfile-", "Containerfile.",
                                           "Containerfile-", NULL};
    for (const char *const *pre = prefixes; *pre; pre++) {
        size_t k = strlen(*pre);
        if (strncmp(basename, *pre, k) == 0 && basename[k] != '\0')
            return PL_DOC_DOCKERFILE;
    }
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
            pl_out_of_memory();
        l->items = items;
        l->cap = cap;
    }
    char *p = strdup(path);
    if (!p)
        pl_out_of_memory();
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
    for (size_t i = 0; i < l->nissues; i++) {
        free(l->issues[i].path);
        free(l->issues[i].message);
    }
    free(l->issues);
    memset(l, 0, sizeof *l);
}

/* Reads at most SNIFF_BYTES: enough for the leading keys of any config. */
static bool sniff_file(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char *buf = malloc(SNIFF_BYTES);
    if (!buf)
        pl_out_of_memory();
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
        pl_out_of_memory();
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

static void add_issue(pl_target_list *l, const char *path, bool error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* What the walk could not enter (error) or left out on purpose (not): the caller reports
 * each one, so nothing is skipped silently. The strings are the list's own copies. */
static void add_issue(pl_target_list *l, const char *path, bool error, const char *fmt, ...) {
    if (l->nissues == l->issues_cap) {
        size_t cap = l->issues_cap ? l->issues_cap * 2 : 8;
        pl_discover_issue *items = realloc(l->issues, cap * sizeof *items);
        if (!items)
            pl_out_of_memory();
        l->issues = items;
        l->issues_cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    char *p = strdup(path);
    if (!msg || !p)
        pl_out_of_memory();
    va_start(ap, fmt);
    vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    l->issues[l->nissues++] = (pl_discover_issue){p, msg, error};
}

/* Why a symbolic link leads to no file, from stat's errno: gone, a loop, or unreachable. */
static void link_trouble(const char *path, int e, char *why, size_t n) {
    char to[256];
    ssize_t k = readlink(path, to, sizeof to - 1);
    to[k > 0 ? k : 0] = '\0';
    if (e == ENOENT || e == ENOTDIR)
        snprintf(why, n, "broken symbolic link to '%s'", to);
    else if (e == ELOOP)
        snprintf(why, n, "symbolic link loop (to '%s' and round again)", to);
    else
        snprintf(why, n, "cannot follow the symbolic link to '%s': %s", to, strerror(e));
}

/* The directories from the walk's root down to the one being listed: a directory that is
 * its own ancestor (a bind mount of a parent, say) is a loop, never entered again. */
typedef struct ancestor {
    dev_t dev;
    ino_t ino;
    const char *path;
    const struct ancestor *up;
} ancestor;

static const ancestor *ancestor_of(const ancestor *a, const struct stat *st) {
    for (; a; a = a->up)
        if (a->dev == st->st_dev && a->ino == st->st_ino)
            return a;
    return NULL;
}

static const char *node_kind(mode_t m) {
    if (S_ISFIFO(m))
        return "a named pipe";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* The walk's state: where it puts what it finds, and the directories named on the command
 * line, which are walked as named and so are never reported as skipped from a parent. */
typedef struct walker {
    pl_target_list *out;
    const struct stat *named; /* of the directory operands */
    size_t nnamed;
} walker;

static int by_inode(const void *a, const void *b) {
    const struct stat *x = a, *y = b;
    if (x->st_dev != y->st_dev)
        return x->st_dev < y->st_dev ? -1 : 1;
    return (x->st_ino > y->st_ino) - (x->st_ino < y->st_ino);
}

/* named is sorted by inode: a CI job may name thousands of directories */
static bool is_named(const walker *w, const struct stat *st) {
    return w->nnamed && bsearch(st, w->named, w->nnamed, sizeof *w->named, by_inode) != NULL;
}

/* Lists one directory. Nothing met here stops the walk: an unreadable or too-deep
 * directory, a loop, a bundle or a broken link becomes an issue and the walk goes on with
 * the next entry, so one bad corner of a tree never hides the rest of it. */
static void walk(const walker *w, const char *dir, const struct stat *dst, const ancestor *up,
                 int depth) {
    pl_target_list *out = w->out;
    if (depth > PL_DISCOVER_MAX_DEPTH) {
        add_issue(out, dir, true,
                  "directory tree deeper than %d levels: not walked further; name a directory "
                  "below it to check its files",
                  PL_DISCOVER_MAX_DEPTH);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        add_issue(out, dir, true, "cannot read this directory (%s): its files were not checked",
                  strerror(errno));
        return;
    }
    ancestor self = {dst->st_dev, dst->st_ino, dir, up};
    struct dirent *de;
    for (;;) {
        errno = 0;
        if (!(de = readdir(d))) {
            if (errno)
                add_issue(out, dir, true,
                          "cannot list this directory to the end (%s): some files may not "
                          "have been checked",
                          strerror(errno));
            break;
        }
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
        bool json = false;
        pl_doc_kind k = pl_discover_kind_by_name(name, &json);
        if (link && stat(p, &st) != 0) {
            /* a Dockerfile that cannot be read is an error; another dangling link is not ours */
            if (k == PL_DOC_DOCKERFILE) {
                char why[512];
                link_trouble(p, errno, why, sizeof why);
                add_issue(out, p, true, "%s: there is no file to check", why);
            }
            free(p);
            continue;
        }
        if (!link)
            st = lst;
        const ancestor *loop;
        if (S_ISDIR(st.st_mode)) {
            if (link)
                /* followed, a link could lead anywhere on the machine or back up the tree */
                add_issue(out, p, false,
                          "skipped: a symbolic link to a directory (links are not followed in "
                          "a walk; name it to check it)");
            else if ((loop = ancestor_of(&self, &st)))
                add_issue(out, p, false,
                          "skipped: the same directory as %s, which is being walked (a loop)",
                          loop->path);
            else if (is_named(w, &st)) {
                /* walked as named on the command line, so never skipped nor walked twice */
            } else if (is_bundle(p))
                add_issue(out, p, false,
                          "skipped: a policy bundle (it has a bundle.yaml): its fixtures are "
                          "checked by 'plimsoll test'; name the directory to check it anyway");
            else
                walk(w, p, &st, &self, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            if (k == PL_DOC_DOCKERFILE)
                push(out, p, k);
            else if (json && sniff_file(p))
                push(out, p, PL_DOC_IMAGE);
        } else if (k == PL_DOC_DOCKERFILE) {
            /* reading a pipe or a device could block or never end */
            add_issue(out, p, true, "%s, not a file: not read", node_kind(st.st_mode));
        }
        free(p);
    }
    closedir(d);
}

static int by_path(const void *a, const void *b) {
    const pl_target *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    /* equal paths: the decided kind first, so the duplicate dropped is the vaguer one */
    return c ? c : (int)(y->kind != PL_DOC_UNKNOWN) - (int)(x->kind != PL_DOC_UNKNOWN);
}

static int by_issue_path(const void *a, const void *b) {
    const pl_discover_issue *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* A named path that does not resolve: say whether it is missing or a link to nowhere. */
static int missing(const char *path, int e, pl_error *err) {
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char why[512];
        link_trouble(path, e, why, sizeof why);
        return pl_error_set(err, path, 0, 0, "%s: %s", path, why);
    }
    if (e == ENOENT || e == ENOTDIR)
        return pl_error_set(err, path, 0, 0, "no such file or directory: %s", path);
    return pl_error_set(err, path, 0, 0, "cannot access %s: %s", path, strerror(e));
}

int pl_discover(const char *const *paths, size_t n, pl_target_list *out, pl_error *err) {
    memset(out, 0, sizeof *out);
    struct stat *named = calloc(n ? n : 1, sizeof *named);
    if (!named)
        pl_out_of_memory();
    walker wk = {out, named, 0};
    const char **empty = calloc(n ? n : 1, sizeof *empty); /* named directories with nothing */
    size_t nempty = 0;
    if (!empty)
        pl_out_of_memory();
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0)
            continue;
        if (stat(paths[i], &st) != 0) {
            free(named);
            free(empty);
            return missing(paths[i], errno, err);
        }
        if (S_ISDIR(st.st_mode))
            named[wk.nnamed++] = st;
    }
    if (wk.nnamed > 1)
        qsort(named, wk.nnamed, sizeof *named, by_inode);
    for (size_t i = 0; i < n; i++) {
        const char *p = paths[i];
        struct stat st;
        if (strcmp(p, "-") == 0) {
            push(out, p, PL_DOC_UNKNOWN); /* the caller decides: --type, or sniffing */
            continue;
        }
        if (stat(p, &st) != 0) {
            int e = errno;
            pl_target_list_free(out);
            free(named);
            free(empty);
            return missing(p, e, err);
        }
        if (S_ISDIR(st.st_mode)) {
            /* named: walked even when it is a bundle or a link */
            size_t before = out->n, issues = out->nissues;
            walk(&wk, p, &st, NULL, 0);
            if (out->n == before && out->nissues == issues)
                empty[nempty++] = p;
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
    free(named);
    /* when nothing at all was found the caller says so for the whole run */
    for (size_t i = 0; out->n && i < nempty; i++)
        add_issue(out, empty[i], false,
                  "nothing to check in this directory: no Dockerfile, Containerfile or image "
                  "configuration (docs/cli.md lists the names looked for)");
    free(empty);
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
    if (out->nissues > 1) {
        /* a directory named twice, or inside another named one, is met twice */
        qsort(out->issues, out->nissues, sizeof *out->issues, by_issue_path);
        size_t w = 1;
        for (size_t r = 1; r < out->nissues; r++) {
            pl_discover_issue *prev = &out->issues[w - 1], *cur = &out->issues[r];
            if (strcmp(cur->path, prev->path) == 0 && strcmp(cur->message, prev->message) == 0) {
                free(cur->path);
                free(cur->message);
            } else {
                out->issues[w++] = *cur;
            }
        }
        out->nissues = w;
    }
    return 0;
}
