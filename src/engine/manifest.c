/* manifest.c — bundle.yaml: reading it with libyaml, checking every field, version
 * constraints, and loading a bundle directory by its manifest.
 *
 * A broken manifest must never be half-read: every problem is collected with its line
 * and column (the way a compiler reports all errors of a file), and the bundle's rules
 * are not loaded until the manifest is clean, so a typo in `name` cannot silently load
 * rules under the wrong namespace. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "plimsoll/bundle.h"

#include "engine_internal.h"

#define MAX_MANIFEST (64u * 1024u)

static void mproblem(pl_results *res, const char *path, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void mproblem(pl_results *res, const char *path, const yaml_node_t *n, const char *fmt,
                     ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = n ? (int)n->start_mark.line + 1 : 0;
    int col = n ? (int)n->start_mark.column + 1 : 0;
    pl_results_add_problem(res, path, line, col, NULL, msg);
}

void pl_manifest_free(pl_manifest *m) {
    free(m->name), free(m->version), free(m->description), free(m->plimsoll), free(m->license);
    free(m->api);
    memset(m, 0, sizeof *m);
}

bool pl_name_ok(const char *name, size_t n) {
    if (n == 0 || n > 64 || name[0] == '-' || name[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
        if (c == '-' && i + 1 < n && name[i + 1] == '-')
            return false;
    }
    return true;
}

bool pl_manifest_name_ok(const char *name) {
    return pl_name_ok(name, strlen(name));
}

bool pl_bundle_name_reserved(const char *name) {
    return strcmp(name, PL_BUILTIN_BUNDLE) == 0 || strcmp(name, "plimsoll") == 0;
}

/* A numeric identifier: digits, no leading zero (semver 2.0 item 2). */
static const char *num_part(const char *s) {
    if (!isdigit((unsigned char)*s))
        return NULL;
    if (s[0] == '0' && isdigit((unsigned char)s[1]))
        return NULL;
    while (isdigit((unsigned char)*s))
        s++;
    return s;
}

/* Dot-separated identifiers of [0-9A-Za-z-]. */
static const char *ident_parts(const char *s) {
    for (;;) {
        const char *b = s;
        while (isalnum((unsigned char)*s) || *s == '-')
            s++;
        if (s == b)
            return NULL;
        if (*s != '.')
            return s;
        s++;
    }
}

bool pl_semver_ok(const char *v) {
    const char *p = v;
    for (int i = 0; i < 3; i++) {
        if (i && *p++ != '.')
            return false;
        if (!(p = num_part(p)))
            return false;
    }
    if (*p == '-' && !(p = ident_parts(p + 1)))
        return false;
    if (*p == '+' && !(p = ident_parts(p + 1)))
        return false;
    return *p == '\0';
}

/* Parses up to three numeric parts ("1", "1.2", "1.2.3"); *nparts says how many were
 * given. Returns the rest of the string (a pre-release, or ""), or NULL. */
static const char *parse_version(const char *s, unsigned long v[3], int *nparts) {
    v[0] = v[1] = v[2] = 0;
    *nparts = 0;
    for (int i = 0; i < 3; i++) {
        if (i) {
            if (*s != '.')
                break;
            s++;
        }
        if (!isdigit((unsigned char)*s))
            return NULL;
        char *end;
        v[i] = strtoul(s, &end, 10);
        s = end;
        (*nparts)++;
    }
    return s;
}

int pl_semver_cmp(const char *a, const char *b) {
    unsigned long va[3], vb[3];
    int na, nb;
    const char *ra = parse_version(a, va, &na), *rb = parse_version(b, vb, &nb);
    if (!ra || !rb)
        return strcmp(a, b);
    for (int i = 0; i < 3; i++)
        if (va[i] != vb[i])
            return va[i] < vb[i] ? -1 : 1;
    bool pa = *ra == '-', pb = *rb == '-';
    if (pa != pb)
        return pa ? -1 : 1; /* 1.0.0-rc.1 < 1.0.0 */
    return pa ? strcmp(ra, rb) : 0;
}

static void set_version(char *buf, size_t n, const unsigned long v[3]) {
    snprintf(buf, n, "%lu.%lu.%lu", v[0], v[1], v[2]);
}

/* One comparator against version; 1, 0, or -1 malformed. */
static int comparator(const char *c, size_t len, const char *version, pl_error *err) {
    char tmp[96];
    while (len && isspace((unsigned char)*c))
        c++, len--;
    while (len && isspace((unsigned char)c[len - 1]))
        len--;
    if (len == 0 || len >= sizeof tmp)
        return pl_error_set(err, NULL, 0, 0,
                            "empty or overlong comparator in the version "
                            "constraint (write e.g. \">=0.1, <1.0\")");
    memcpy(tmp, c, len);
    tmp[len] = 0;
    char op[3] = {0};
    const char *p = tmp;
    if (*p == '>' || *p == '<' || *p == '=' || *p == '^' || *p == '~') {
        op[0] = *p++;
        if ((op[0] == '>' || op[0] == '<' || op[0] == '=') && *p == '=')
            op[1] = *p++;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == 'v')
        p++;
    unsigned long v[3];
    int nparts;
    const char *rest = parse_version(p, v, &nparts);
    if (!rest || nparts == 0 || (*rest && *rest != '-'))
        return pl_error_set(err, NULL, 0, 0,
                            "bad comparator '%s' in the version constraint (want an operator "
                            ">=, >, <=, <, =, ^ or ~ and a version such as 0.1 or 1.2.3)",
                            tmp);
    char want[192], upper[64];
    set_version(want, sizeof want, v);
    if (*rest) /* keep a pre-release tag */
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s", rest);
    int cmp = pl_semver_cmp(version, want);
    if (op[0] == '^' || op[0] == '~') {
        unsigned long u[3] = {v[0], v[1], v[2]};
        if (op[0] == '~' && nparts >= 2)
            u[1]++, u[2] = 0;
        else if (op[0] == '~')
            u[0]++, u[1] = u[2] = 0;
        else if (v[0] > 0 || nparts == 1)
            u[0]++, u[1] = u[2] = 0;
        else if (v[1] > 0 || nparts == 2)
            u[1]++, u[2] = 0;
        else
            u[2]++;
        set_version(upper, sizeof upper, u);
        return cmp >= 0 && pl_semver_cmp(version, upper) < 0;
    }
    if (strcmp(op, ">=") == 0)
        return cmp >= 0;
    if (strcmp(op, ">") == 0)
        return cmp > 0;
    if (strcmp(op, "<=") == 0)
        return cmp <= 0;
    if (strcmp(op, "<") == 0)
        return cmp < 0;
    return cmp == 0; /* "", "=", "==" */
}

int pl_version_satisfies(const char *constraint, const char *version, pl_error *err) {
    int all = 1;
    const char *s = constraint;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        int r = comparator(s, n, version, err);
        if (r < 0)
            return -1;
        all = all && r;
        if (!comma)
            return all;
        s = comma + 1;
    }
}

/* ---- the manifest ------------------------------------------------------------------ */

static const char *const known_keys[] = {"name",    "version", "description", "plimsoll",
                                         "license", "api",     NULL};

static char **field_of(pl_manifest *m, const char *key) {
    if (strcmp(key, "name") == 0)
        return &m->name;
    if (strcmp(key, "version") == 0)
        return &m->version;
    if (strcmp(key, "description") == 0)
        return &m->description;
    if (strcmp(key, "plimsoll") == 0)
        return &m->plimsoll;
    if (strcmp(key, "api") == 0)
        return &m->api;
    return &m->license;
}

static void check_fields(const char *path, pl_manifest *m, yaml_node_t *nodes[6],
                         const yaml_node_t *root, pl_results *res) {
    if (nodes[0]) {
        m->name_line = (int)nodes[0]->start_mark.line + 1;
        m->name_column = (int)nodes[0]->start_mark.column + 1;
    }
    if (!m->name)
        mproblem(res, path, root,
                 "missing 'name' (lowercase kebab-case, e.g. name: acme-policies)");
    else if (!pl_manifest_name_ok(m->name))
        mproblem(res, path, nodes[0],
                 "bad name '%s': use lowercase letters, digits and single hyphens "
                 "(e.g. acme-policies); it prefixes every rule id",
                 m->name);
    if (!m->version)
        mproblem(res, path, root, "missing 'version' (semantic version, e.g. version: 1.0.0)");
    else if (!pl_semver_ok(m->version))
        mproblem(res, path, nodes[1],
                 "bad version '%s': want a semantic version MAJOR.MINOR.PATCH "
                 "such as 1.0.0",
                 m->version);
    if (m->api) {
        char *end = NULL;
        long api = strtol(m->api, &end, 10);
        if (!isdigit((unsigned char)m->api[0]) || *end || api < 1)
            mproblem(res, path, nodes[5],
                     "bad api '%s': the rule API version is a whole number "
                     "(this plimsoll provides api: %d)",
                     m->api, PL_RULE_API);
        else if (api > PL_RULE_API)
            mproblem(res, path, nodes[5],
                     "this bundle targets rule API %ld, but plimsoll " PL_VERSION
                     " provides rule API %d: upgrade plimsoll",
                     api, PL_RULE_API);
    }
    if (m->plimsoll) {
        pl_error err = {0};
        int r = pl_version_satisfies(m->plimsoll, PL_VERSION, &err);
        if (r < 0)
            mproblem(res, path, nodes[3], "%s", err.message);
        else if (r == 0)
            mproblem(res, path, nodes[3],
                     "this bundle needs plimsoll %s, but this is plimsoll " PL_VERSION,
                     m->plimsoll);
    }
}

int pl_manifest_parse(const char *path, const char *text, size_t len, pl_manifest *out,
                      pl_results *res) {
    size_t before = res->nproblems;
    memset(out, 0, sizeof *out);
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        char msg[400];
        snprintf(msg, sizeof msg, "not valid YAML: %s%s%s",
                 parser.problem ? parser.problem : "error", parser.context ? " " : "",
                 parser.context ? parser.context : "");
        pl_results_add_problem(res, path, (int)parser.problem_mark.line + 1,
                               (int)parser.problem_mark.column + 1, NULL, msg);
        yaml_parser_delete(&parser);
        return (int)(res->nproblems - before);
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    yaml_node_t *nodes[6] = {0};
    if (!root) {
        pl_results_add_problem(
            res, path, 1, 1, NULL,
            "empty manifest; write at least 'name: my-policies' and 'version: 0.1.0'");
    } else if (root->type != YAML_MAPPING_NODE) {
        mproblem(res, path, root,
                 "the manifest must be a mapping of keys (name, version, "
                 "description, plimsoll, license, api)");
    } else {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(&doc, p->key);
            yaml_node_t *v = yaml_document_get_node(&doc, p->value);
            if (!k || k->type != YAML_SCALAR_NODE) {
                mproblem(res, path, k, "keys must be plain words");
                continue;
            }
            const char *key = (const char *)k->data.scalar.value;
            int idx = -1;
            for (int i = 0; known_keys[i]; i++)
                if (strcmp(known_keys[i], key) == 0)
                    idx = i;
            if (idx < 0) {
                char *clean = strndup(key, 64);
                for (char *c = clean; c && *c; c++)
                    if ((unsigned char)*c < 0x20)
                        *c = '?';
                char hint[160];
                pl_suggest_hint(hint, sizeof hint, key, known_keys);
                mproblem(res, path, k, "unknown key '%s'; %s", clean ? clean : "", hint);
                free(clean);
                continue;
            }
            if (nodes[idx]) {
                mproblem(res, path, k, "duplicate key '%s' (first at line %d)", key,
                         (int)nodes[idx]->start_mark.line + 1);
                continue;
            }
            if (!v || v->type != YAML_SCALAR_NODE || v->data.scalar.length == 0) {
                mproblem(res, path, v ? v : k, "'%s' must be a non-empty string", key);
                continue;
            }
            if (strlen((const char *)v->data.scalar.value) != v->data.scalar.length) {
                mproblem(res, path, v, "'%s' contains a NUL byte", key);
                continue;
            }
            nodes[idx] = v;
            *field_of(out, key) = strdup((const char *)v->data.scalar.value);
        }
        check_fields(path, out, nodes, root, res);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return (int)(res->nproblems - before);
}

/* ---- loading by manifest ----------------------------------------------------------- */

static char *manifest_path(const char *dir) {
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_puts(&b, dir);
    if (b.len && b.data[b.len - 1] != '/')
        pl_buf_puts(&b, "/");
    pl_buf_puts(&b, PL_MANIFEST_FILE);
    return pl_buf_take(&b);
}

int pl_manifest_read(const char *dir, pl_manifest *out, pl_results *res) {
    memset(out, 0, sizeof *out);
    char *mpath = manifest_path(dir);
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    pl_error err = {0};
    int n;
    if (pl_file_read(&a, mpath, MAX_MANIFEST, &text, &len, &err) != 0) {
        char msg[1024];
        snprintf(msg, sizeof msg,
                 "not a policy bundle: no readable %s (%s); create it with at least "
                 "'name: my-policies' (lowercase kebab-case; it prefixes the rule ids) and "
                 "'version: 0.1.0' (a semantic version)",
                 PL_MANIFEST_FILE, err.message);
        pl_results_add_problem(res, mpath, 0, 0, NULL, msg);
        n = 1;
    } else {
        n = pl_manifest_parse(mpath, text, len, out, res);
    }
    pl_arena_free(&a);
    free(mpath);
    return n;
}

/* A bundle is the directory it is in, whatever path named it: two paths to one
 * directory (the configuration's policies: and --policy, a symlink, "x" and "./x/")
 * are one bundle. Heap string, or NULL when the directory cannot be resolved. */
static char *real_dir(const char *dir) {
    char buf[PATH_MAX];
    if (!realpath(dir, buf))
        return NULL;
    char *s = strdup(buf);
    if (!s)
        abort();
    return s;
}

static bool loaded_from(const pl_engine *e, const char *real) {
    for (size_t i = 0; real && i < e->nbundles; i++)
        if (e->bundles[i]->real && strcmp(e->bundles[i]->real, real) == 0)
            return true;
    return false;
}

size_t pl_bundle_dirs_unique(const char **dirs, size_t n) {
    char **reals = calloc(n ? n : 1, sizeof *reals);
    if (!reals)
        abort();
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        char *r = real_dir(dirs[i]);
        bool dup = false;
        for (size_t k = 0; r && k < kept && !dup; k++)
            dup = reals[k] && strcmp(reals[k], r) == 0;
        if (dup) {
            free(r);
            continue;
        }
        reals[kept] = r;
        dirs[kept++] = dirs[i];
    }
    for (size_t k = 0; k < kept; k++)
        free(reals[k]);
    free(reals);
    return kept;
}

static int add_by_manifest(pl_engine *e, const char *dir, bool alone, pl_manifest *out,
                           pl_results *res) {
    size_t before = res->nproblems;
    char *mpath = manifest_path(dir);
    char *real = real_dir(dir);
    pl_manifest m = {0};
    if (loaded_from(e, real)) {
        /* loading a bundle twice loads it once: nothing to add, nothing to report */
    } else if (pl_manifest_read(dir, &m, res) == 0) {
        bool builtin = strcmp(m.name, PL_BUILTIN_BUNDLE) == 0;
        if (pl_bundle_name_reserved(m.name) && !(alone && builtin && e->nbundles == 0)) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "the bundle name '%s' is reserved (%s); choose a name of your own, such "
                     "as your organisation's",
                     m.name,
                     builtin ? "it is the built-in bundle's, whose rules have bare ids"
                             : "it is the project's");
            pl_results_add_problem(res, mpath, m.name_line, m.name_column, NULL, msg);
        } else {
            size_t had = e->nbundles;
            pl_engine_add_bundle_dir(e, builtin ? NULL : m.name, dir, res);
            if (e->nbundles > had) {
                e->bundles[had]->real = real;
                real = NULL;
            }
        }
    }
    if (out)
        *out = m;
    else
        pl_manifest_free(&m);
    free(mpath);
    free(real);
    return (int)(res->nproblems - before);
}

int pl_engine_add_bundle_manifest(pl_engine *e, const char *dir, pl_manifest *out,
                                  pl_results *res) {
    return add_by_manifest(e, dir, false, out, res);
}

int pl_engine_add_bundle_alone(pl_engine *e, const char *dir, pl_manifest *out, pl_results *res) {
    return add_by_manifest(e, dir, true, out, res);
}

int pl_engine_add_builtin(pl_engine *e, pl_results *res) {
    size_t before = res->nproblems;
    const pl_bundle_file *mf = NULL;
    for (size_t i = 0; i < pl_builtin_bundle_len; i++)
        if (pl_builtin_bundle[i].path && strcmp(pl_builtin_bundle[i].path, PL_MANIFEST_FILE) == 0)
            mf = &pl_builtin_bundle[i];
    pl_manifest m = {0};
    if (!mf)
        pl_results_add_problem(res, "builtin/" PL_MANIFEST_FILE, 0, 0, NULL,
                               "the built-in bundle has no manifest (a build problem)");
    else if (pl_manifest_parse("builtin/" PL_MANIFEST_FILE, mf->data, mf->len, &m, res) == 0) {
        /* the embedded bundle is ours and reviewed: no trial load in a worker */
        unsigned deadline = e->load_deadline_ms;
        e->load_deadline_ms = 0;
        pl_engine_add_bundle(e, strcmp(m.name, PL_BUILTIN_BUNDLE) == 0 ? NULL : m.name, "builtin",
                             pl_builtin_bundle, pl_builtin_bundle_len, res);
        e->load_deadline_ms = deadline;
    }
    pl_manifest_free(&m);
    return (int)(res->nproblems - before);
}
