/* lock.c — plimsoll.lock: digests of policy bundles, written and verified.
 *
 * A bundle's content is every regular file below its directory except hidden entries
 * (.git, editor files), sorted by relative path. Each file is hashed alone; the bundle
 * digest is the sha256 of the lines "<file sha256>  <path>\n" in that order (the
 * format of sha256sum), which is unambiguous because a path with a newline is refused
 * (as is one that is not UTF-8, which JSON cannot hold).
 * Keeping the per-file digests lets --locked name exactly what changed. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "plimsoll/bundle.h"
#include "plimsoll/lock.h"

#define MAX_BUNDLE_FILE (16u << 20)
#define MAX_BUNDLE_FILES 10000
#define MAX_LOCKFILE (64u << 20) /* about 300,000 file entries */

typedef struct lfile {
    char *path; /* relative, '/'-separated */
    char digest[65];
} lfile;

typedef struct lfiles {
    lfile *items;
    size_t n, cap;
} lfiles;

static void lfiles_free(lfiles *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].path);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int cmp_lfile(const void *a, const void *b) {
    return strcmp(((const lfile *)a)->path, ((const lfile *)b)->path);
}

static int walk(const char *dir, const char *rel, int depth, lfiles *out, pl_error *err) {
    if (depth > 32)
        return pl_error_set(err, NULL, 0, 0,
                            "%s: directories nested more than 32 deep in "
                            "the bundle; flatten them",
                            rel);
    DIR *d = opendir(dir);
    if (!d)
        return pl_error_set(err, NULL, 0, 0,
                            "cannot read the directory %s (%s); check its "
                            "permissions",
                            *rel ? rel : ".", strerror(errno));
    struct dirent *ent;
    int rc = 0;
    while (rc == 0 && (ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        if (strchr(ent->d_name, '\n')) {
            rc = pl_error_set(err, NULL, 0, 0,
                              "the file name '%s%s%s' contains a newline, "
                              "which a lockfile cannot pin; rename the file",
                              rel, *rel ? "/" : "", ent->d_name);
            break;
        }
        if (!pl_utf8_valid(ent->d_name, strlen(ent->d_name))) {
            /* the lockfile is JSON, which holds only UTF-8; an escaped name could not be
             * told from a file really named that way */
            rc = pl_error_set(err, NULL, 0, 0,
                              "the file name '%s%s%s' is not UTF-8, which a "
                              "lockfile cannot pin; rename the file",
                              rel, *rel ? "/" : "", ent->d_name);
            break;
        }
        pl_buf full, r;
        pl_buf_init(&full);
        pl_buf_init(&r);
        pl_buf_printf(&full, "%s/%s", dir, ent->d_name);
        if (*rel)
            pl_buf_printf(&r, "%s/%s", rel, ent->d_name);
        else
            pl_buf_puts(&r, ent->d_name);
        struct stat st;
        if (lstat(full.data, &st) == 0 && S_ISLNK(st.st_mode) &&
            (stat(full.data, &st) != 0 || S_ISDIR(st.st_mode))) {
            /* a dangling link or a linked directory: not content we can pin (and a
             * loop risk); a link to a file is hashed as that file */
            rc = pl_error_set(err, NULL, 0, 0,
                              "%s: symbolic link to a directory (or dangling) in the bundle; "
                              "replace it with a copy",
                              r.data);
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(full.data, r.data, depth + 1, out, err);
        } else if (S_ISREG(st.st_mode)) {
            pl_arena a;
            pl_arena_init(&a);
            char *data;
            size_t len;
            if (pl_file_read(&a, full.data, MAX_BUNDLE_FILE, &data, &len, err) != 0) {
                char msg[sizeof err->message];
                snprintf(msg, sizeof msg, "%s", err ? err->message : "cannot read it");
                rc = pl_error_set(err, NULL, 0, 0, "%s: %s", r.data, msg);
            } else if (out->n >= MAX_BUNDLE_FILES) {
                rc = pl_error_set(err, NULL, 0, 0, "more than %d files in the bundle",
                                  MAX_BUNDLE_FILES);
            } else {
                if (out->n == out->cap) {
                    out->cap = out->cap ? out->cap * 2 : 32;
                    out->items = realloc(out->items, out->cap * sizeof *out->items);
                    if (!out->items)
                        abort();
                }
                lfile *f = &out->items[out->n++];
                f->path = pl_buf_take(&r);
                pl_sha256_hex(data, len, f->digest);
            }
            pl_arena_free(&a);
        }
        pl_buf_free(&full);
        pl_buf_free(&r);
    }
    closedir(d);
    return rc;
}

static int read_bundle(const char *dir, lfiles *out, char digest[72], pl_error *err) {
    memset(out, 0, sizeof *out);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *root = strndup(dir, n);
    if (!root)
        abort();
    int rc = walk(root, "", 0, out, err);
    free(root);
    if (rc != 0 && err)
        err->path = dir; /* walk's paths die with it: its messages name the place */
    if (rc != 0) {
        lfiles_free(out);
        return -1;
    }
    qsort(out->items, out->n, sizeof *out->items, cmp_lfile);
    pl_buf all;
    pl_buf_init(&all);
    for (size_t i = 0; i < out->n; i++)
        pl_buf_printf(&all, "%s  %s\n", out->items[i].digest, out->items[i].path);
    char hex[65];
    pl_sha256_hex(all.data ? all.data : "", all.len, hex);
    snprintf(digest, 72, "sha256:%s", hex);
    pl_buf_free(&all);
    return 0;
}

int pl_lock_digest(const char *bundle_dir, char out[72], pl_error *err) {
    lfiles l;
    if (read_bundle(bundle_dir, &l, out, err) != 0)
        return -1;
    lfiles_free(&l);
    return 0;
}

/* ---- paths ---------------------------------------------------------------------- */

static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The bundle path as the lockfile stores it: relative to the lockfile's directory when
 * the bundle lies below it, else absolute. Heap string or NULL. */
static char *stored_path(const char *lockdir_real, const char *bundle_real) {
    size_t n = strlen(lockdir_real);
    if (strcmp(lockdir_real, bundle_real) == 0)
        return strdup(".");
    if (strncmp(lockdir_real, bundle_real, n) == 0 && (bundle_real[n] == '/' || n == 1))
        return strdup(bundle_real + (n == 1 ? 1 : n + 1));
    return strdup(bundle_real);
}

static char *real(const char *p) {
    char buf[PATH_MAX];
    return realpath(p, buf) ? strdup(buf) : NULL;
}

/* ---- writing ---------------------------------------------------------------------- */

int pl_lock_write(const char *lockfile, const char *const *bundle_dirs, size_t n, pl_results *res) {
    size_t before = res->nproblems;
    char *lockdir = dir_of(lockfile);
    char *lockdir_real = real(lockdir);
    if (!lockdir_real)
        pl_results_add_problem(res, lockdir, 0, 0, NULL, "the lockfile's directory does not exist");
    json_t *root = json_object(), *bundles = json_array();
    json_object_set_new(root, "lockfile-version", json_integer(1));
    json_object_set_new(root, "plimsoll", json_string(PL_VERSION));
    for (size_t i = 0; i < n && lockdir_real; i++) {
        pl_manifest m;
        if (pl_manifest_read(bundle_dirs[i], &m, res) != 0) {
            pl_manifest_free(&m);
            continue;
        }
        lfiles files;
        char digest[72];
        pl_error err = {0};
        char *breal = real(bundle_dirs[i]);
        if (!breal || read_bundle(bundle_dirs[i], &files, digest, &err) != 0) {
            pl_results_add_problem(res, err.path ? err.path : bundle_dirs[i], 0, 0, NULL,
                                   breal ? err.message : "cannot resolve the bundle directory");
            free(breal);
            pl_manifest_free(&m);
            continue;
        }
        json_t *b = json_object(), *fo = json_object();
        char *sp = stored_path(lockdir_real, breal);
        if (!pl_utf8_valid(sp, strlen(sp))) {
            pl_results_add_problem(res, bundle_dirs[i], 0, 0, NULL,
                                   "the bundle's path is not UTF-8, which a lockfile cannot "
                                   "hold; rename the directory");
            json_decref(b), json_decref(fo);
            free(sp), free(breal);
            lfiles_free(&files);
            pl_manifest_free(&m);
            continue;
        }
        json_object_set_new(b, "name", json_string(m.name));
        json_object_set_new(b, "version", json_string(m.version));
        json_object_set_new(b, "path", json_string(sp));
        json_object_set_new(b, "digest", json_string(digest));
        for (size_t k = 0; k < files.n; k++) {
            char d[72];
            snprintf(d, sizeof d, "sha256:%s", files.items[k].digest);
            json_object_set_new(fo, files.items[k].path, json_string(d));
        }
        json_object_set_new(b, "files", fo);
        json_array_append_new(bundles, b);
        free(sp);
        free(breal);
        lfiles_free(&files);
        pl_manifest_free(&m);
    }
    json_object_set_new(root, "bundles", bundles);
    if (res->nproblems == before) {
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (!text)
            abort();
        pl_buf out;
        pl_buf_init(&out);
        pl_buf_puts(&out, text);
        pl_buf_puts(&out, "\n");
        free(text);
        pl_error err = {0};
        if (pl_file_write_atomic(lockfile, out.data, out.len, &err) != 0)
            pl_results_add_problem(res, lockfile, 0, 0, NULL, err.message);
        pl_buf_free(&out);
    }
    json_decref(root);
    free(lockdir);
    free(lockdir_real);
    return (int)(res->nproblems - before);
}

/* ---- verifying -------------------------------------------------------------------- */

static void lock_problem(pl_results *res, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lock_problem(pl_results *res, const char *path, const char *fmt, ...) {
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pl_results_add_problem(res, path, 0, 0, NULL, msg);
}

/* The lockfile entry whose path resolves to bundle_real, or NULL. */
static json_t *find_entry(json_t *bundles, const char *lockdir_real, const char *bundle_real) {
    size_t i;
    json_t *b;
    json_array_foreach(bundles, i, b) {
        const char *p = json_string_value(json_object_get(b, "path"));
        if (!p)
            continue;
        pl_buf full;
        pl_buf_init(&full);
        if (p[0] == '/')
            pl_buf_puts(&full, p);
        else
            pl_buf_printf(&full, "%s/%s", lockdir_real, p);
        char *r = real(full.data);
        bool same = r && strcmp(r, bundle_real) == 0;
        free(r);
        pl_buf_free(&full);
        if (same)
            return b;
    }
    return NULL;
}

static void compare(const char *dir, const char *lockfile, json_t *entry, const lfiles *now,
                    const char *digest, pl_results *res) {
    const char *want = json_string_value(json_object_get(entry, "digest"));
    json_t *files = json_object_get(entry, "files");
    if (!want || !json_is_object(files)) {
        lock_problem(res, lockfile,
                     "malformed entry for %s (no digest or files); run plimsoll lock", dir);
        return;
    }
    if (strcmp(want, digest) == 0)
        return;
    size_t before = res->nproblems;
    const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
    for (size_t i = 0; i < now->n; i++) {
        char d[72];
        snprintf(d, sizeof d, "sha256:%s", now->items[i].digest);
        const char *old = json_string_value(json_object_get(files, now->items[i].path));
        pl_buf p;
        pl_buf_init(&p);
        pl_buf_printf(&p, "%s%s%s", dir, sep, now->items[i].path);
        if (!old)
            lock_problem(res, p.data, "file added since %s was written (not in the lockfile)",
                         lockfile);
        else if (strcmp(old, d) != 0)
            lock_problem(res, p.data,
                         "file changed since %s was written (digest %.19s..., "
                         "locked %.19s...)",
                         lockfile, d, old);
        pl_buf_free(&p);
    }
    const char *key;
    json_t *v;
    json_object_foreach(files, key, v) {
        bool found = false;
        for (size_t i = 0; i < now->n && !found; i++)
            found = strcmp(now->items[i].path, key) == 0;
        if (!found) {
            pl_buf p;
            pl_buf_init(&p);
            pl_buf_printf(&p, "%s%s%s", dir, sep, key);
            lock_problem(res, p.data, "file removed since %s was written", lockfile);
            pl_buf_free(&p);
        }
    }
    if (res->nproblems == before) /* the file lists agree but the digest does not */
        lock_problem(res, dir, "bundle digest %s does not match the locked %s", digest, want);
}

/* The lockfile's JSON once every part verify relies on is there and of its type, else
 * NULL with the problems in res. A malformed entry is refused even when no bundle of
 * this run uses it: a lockfile half-read would pin less than it says. */
static json_t *lock_parse(const char *lockfile, const char *text, size_t len, pl_results *res) {
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        pl_results_add_problem(res, lockfile, jerr.line > 0 ? jerr.line : 0,
                               jerr.column > 0 ? jerr.column : 0, NULL, jerr.text);
        return NULL;
    }
    json_t *bundles = json_object_get(root, "bundles");
    json_t *version = json_object_get(root, "lockfile-version");
    if (!json_is_array(bundles) || !json_is_integer(version) || json_integer_value(version) != 1) {
        lock_problem(res, lockfile,
                     "not a version 1 plimsoll lockfile (no 'bundles' list); "
                     "run 'plimsoll lock' to rewrite it");
        json_decref(root);
        return NULL;
    }
    size_t before = res->nproblems, i;
    json_t *b;
    json_array_foreach(bundles, i, b) {
        json_t *files = json_object_get(b, "files");
        bool ok = json_is_string(json_object_get(b, "path")) &&
                  json_is_string(json_object_get(b, "digest")) && json_is_object(files);
        const char *key;
        json_t *v;
        if (ok)
            json_object_foreach(files, key, v) ok = ok && json_is_string(v);
        if (!ok)
            lock_problem(res, lockfile,
                         "bundle entry %zu is malformed (each needs path, digest "
                         "and files, a digest per file); run 'plimsoll lock' to rewrite it",
                         i + 1);
    }
    if (res->nproblems != before) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int pl_lock_check_text(const char *lockfile, const char *text, size_t len, pl_results *res) {
    size_t before = res->nproblems;
    json_decref(lock_parse(lockfile, text, len, res));
    return (int)(res->nproblems - before);
}

int pl_lock_verify(const char *lockfile, const char *const *bundle_dirs, size_t n,
                   pl_results *res) {
    size_t before = res->nproblems;
    struct stat st;
    if (stat(lockfile, &st) != 0) {
        lock_problem(res, lockfile,
                     "no lockfile; run 'plimsoll lock' with the same "
                     "--policy directories to create it");
        return (int)(res->nproblems - before);
    }
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    pl_error ferr = {0};
    json_t *root = NULL;
    if (pl_file_read(&a, lockfile, MAX_LOCKFILE, &text, &len, &ferr) != 0)
        pl_results_add_problem(res, lockfile, 0, 0, NULL, ferr.message);
    else
        root = lock_parse(lockfile, text, len, res);
    pl_arena_free(&a);
    if (!root)
        return (int)(res->nproblems - before);
    json_t *bundles = json_object_get(root, "bundles");
    char *lockdir = dir_of(lockfile);
    char *lockdir_real = real(lockdir);
    for (size_t i = 0; i < n && lockdir_real; i++) {
        char *breal = real(bundle_dirs[i]);
        json_t *entry = breal ? find_entry(bundles, lockdir_real, breal) : NULL;
        if (!entry) {
            lock_problem(res, bundle_dirs[i],
                         "bundle not pinned in %s; run 'plimsoll lock' "
                         "to add it",
                         lockfile);
            free(breal);
            continue;
        }
        lfiles now;
        char digest[72];
        pl_error err = {0};
        if (read_bundle(bundle_dirs[i], &now, digest, &err) != 0) {
            pl_results_add_problem(res, err.path ? err.path : bundle_dirs[i], 0, 0, NULL,
                                   err.message);
        } else {
            compare(bundle_dirs[i], lockfile, entry, &now, digest, res);
            lfiles_free(&now);
        }
        free(breal);
    }
    free(lockdir);
    free(lockdir_real);
    json_decref(root);
    return (int)(res->nproblems - before);
}
