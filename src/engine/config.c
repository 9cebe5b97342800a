/* config.c — reading .plimsoll.yaml with libyaml into a pl_config, finding it by walking
 * up from a directory, and applying its per-rule settings to loaded rules.
 *
 * The file is loaded as a libyaml document (nodes keep their marks), then walked by a
 * schema written as code: each key has one reader, and anything the schema does not
 * name is an error at its line and column. hadolint ignores a broken configuration;
 * plimsoll stops with the place to fix. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <yaml.h>

#include "plimsoll/config.h"
#include "plimsoll/report.h"

#define MAX_CONFIG (1u << 20)
#define MAX_NODES 100000 /* aliases can make a small file a large tree */

typedef struct reader {
    yaml_document_t doc;
    pl_config *c;
    pl_error *err;
    const char *path;
    size_t visited;
} reader;

static pl_config_pos pos_of(const yaml_node_t *n) {
    return (pl_config_pos){(int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
}

static int fail(reader *r, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(reader *r, const yaml_node_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pl_config_pos p = n ? pos_of(n) : (pl_config_pos){0, 0};
    pl_error_setv(r->err, r->path, p.line, p.column, fmt, ap);
    va_end(ap);
    return -1;
}

static yaml_node_t *node(reader *r, int id) {
    r->visited++;
    return yaml_document_get_node(&r->doc, id);
}

static const char *kind_name(const yaml_node_t *n) {
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    default: return "a scalar";
    }
}

static bool plain(const yaml_node_t *n) {
    return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static const char *scalar(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value;
}

static bool is_null(const yaml_node_t *n) {
    if (!plain(n))
        return false;
    const char *s = scalar(n);
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

static int want_string(reader *r, const yaml_node_t *n, const char *key, const char **out) {
    if (n->type != YAML_SCALAR_NODE || is_null(n))
        return fail(r, n, "%s must be a string, not %s", key,
                    n->type == YAML_SCALAR_NODE ? "empty" : kind_name(n));
    *out = pl_arena_strdup(&r->c->arena, scalar(n));
    return 0;
}

static int want_bool(reader *r, const yaml_node_t *n, const char *key, int *out) {
    if (plain(n)) {
        const char *s = scalar(n);
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) {
            *out = 1;
            return 0;
        }
        if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) {
            *out = 0;
            return 0;
        }
    }
    return fail(r, n, "%s must be true or false, not %s%s%s", key,
                n->type == YAML_SCALAR_NODE ? "'" : "",
                n->type == YAML_SCALAR_NODE ? scalar(n) : kind_name(n),
                n->type == YAML_SCALAR_NODE ? "'" : "");
}

static bool digits(const char *s) {
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static int want_count(reader *r, const yaml_node_t *n, const char *key, unsigned long long max,
                      unsigned long long *out) {
    if (plain(n) && digits(scalar(n)) && strlen(scalar(n)) < 20) {
        unsigned long long v = strtoull(scalar(n), NULL, 10);
        if (v >= 1 && v <= max) {
            *out = v;
            return 0;
        }
    }
    return fail(r, n, "%s must be a whole number from 1 to %llu", key, max);
}

static int want_severity(reader *r, const yaml_node_t *n, const char *key, pl_severity *out) {
    if (n->type == YAML_SCALAR_NODE && pl_severity_parse(scalar(n), out) == 0)
        return 0;
    return fail(r, n, "%s must be critical, high, medium, low or info, not %s%s%s", key,
                n->type == YAML_SCALAR_NODE ? "'" : "",
                n->type == YAML_SCALAR_NODE ? scalar(n) : kind_name(n),
                n->type == YAML_SCALAR_NODE ? "'" : "");
}

static int want_kind(reader *r, const yaml_node_t *n, yaml_node_type_t t, const char *key) {
    if (n->type == t)
        return 0;
    return fail(r, n, "%s must be %s, not %s", key,
                t == YAML_MAPPING_NODE    ? "a mapping"
                : t == YAML_SEQUENCE_NODE ? "a list"
                                          : "a scalar",
                n->type == YAML_SCALAR_NODE && is_null(n) ? "empty" : kind_name(n));
}

/* An unknown key: its name (cut and without control characters, as it may be anything)
 * and the nearest known one, or the list when none is near. */
static int unknown_key(reader *r, const yaml_node_t *k, const char *where,
                       const char *const *known) {
    char name[68], hint[256];
    snprintf(name, sizeof name, "%.64s", scalar(k));
    for (char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    pl_suggest_hint(hint, sizeof hint, scalar(k), known);
    return fail(r, k, "unknown key '%s'%s; %s", name, where, hint);
}

/* Iterates a mapping's pairs, refusing non-scalar and duplicate keys. */
typedef int (*pair_fn)(reader *r, const yaml_node_t *key, yaml_node_t *value, void *ctx);

static int each_pair(reader *r, const yaml_node_t *map, pair_fn fn, void *ctx) {
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
        if (!k || !v)
            return fail(r, map, "malformed mapping");
        if (r->visited > MAX_NODES)
            return fail(r, k, "the configuration is too large (aliases expand to over %d nodes)",
                        MAX_NODES);
        if (k->type != YAML_SCALAR_NODE)
            return fail(r, k, "keys must be strings, not %s", kind_name(k));
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = node(r, q->key);
            if (k2 && k2->type == YAML_SCALAR_NODE && strcmp(scalar(k2), scalar(k)) == 0)
                return fail(r, k, "duplicate key '%s' (first at line %d)", scalar(k),
                            pos_of(k2).line);
        }
        if (fn(r, k, v, ctx) != 0)
            return -1;
    }
    return 0;
}

/* A YAML value as JSON for a rule parameter: quoted scalars are strings; plain ones are
 * booleans, integers or reals when they read as such (YAML 1.2 core schema). */
static json_t *to_json(reader *r, const yaml_node_t *n, int depth) {
    if (depth > 8)
        return NULL;
    if (n->type == YAML_SEQUENCE_NODE) {
        json_t *a = json_array();
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            yaml_node_t *it = node(r, *i);
            json_t *v = it && r->visited <= MAX_NODES ? to_json(r, it, depth + 1) : NULL;
            if (!v) {
                json_decref(a);
                return NULL;
            }
            json_array_append_new(a, v);
        }
        return a;
    }
    if (n->type != YAML_SCALAR_NODE)
        return NULL;
    const char *s = scalar(n);
    if (plain(n)) {
        if (is_null(n))
            return NULL;
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
            return json_true();
        if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
            return json_false();
        const char *d = (*s == '-' || *s == '+') ? s + 1 : s;
        if (digits(d) && strlen(d) < 19)
            return json_integer((json_int_t)strtoll(s, NULL, 10));
        char *end;
        double x = strtod(s, &end);
        if (*end == '\0' && end != s && (d[0] >= '0' && d[0] <= '9'))
            return json_real(x);
    }
    return json_stringn(s, n->data.scalar.length);
}

static void *grow(pl_arena *a, void *items, size_t n, size_t size) {
    /* arena vectors: a new block of n+1, the old one abandoned (configs are small) */
    void *p = pl_arena_alloc(a, (n + 1) * size);
    if (n)
        memcpy(p, items, n * size);
    return p;
}

static const char *resolve(reader *r, const char *p) {
    if (p[0] == '/')
        return p;
    return pl_arena_printf(&r->c->arena, "%s/%s", r->c->dir, p);
}

/* ---- rules: ------------------------------------------------------------------------ */

static int rule_param(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    pl_config_rule *cr = ctx;
    json_t *j = to_json(r, v, 0);
    if (!j)
        return fail(r, v,
                    "parameter %s of %s: the value must be a string, number, boolean "
                    "or a list of them, not %s",
                    scalar(k), cr->id, v->type == YAML_SCALAR_NODE ? "empty" : kind_name(v));
    cr->params = grow(&r->c->arena, cr->params, cr->nparams, sizeof *cr->params);
    cr->params[cr->nparams++] =
        (pl_config_param){pl_arena_strdup(&r->c->arena, scalar(k)), j, pos_of(v), pos_of(k)};
    return 0;
}

static int rule_key(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    pl_config_rule *cr = ctx;
    const char *key = scalar(k);
    if (!strcmp(key, "enabled")) {
        cr->enabled_pos = pos_of(v);
        return want_bool(r, v, "enabled", &cr->enabled);
    }
    if (!strcmp(key, "severity")) {
        cr->has_severity = true;
        cr->severity_pos = pos_of(v);
        return want_severity(r, v, "severity", &cr->severity);
    }
    if (!strcmp(key, "params")) {
        if (want_kind(r, v, YAML_MAPPING_NODE, "params") != 0)
            return -1;
        return each_pair(r, v, rule_param, cr);
    }
    static const char *const known[] = {"enabled", "severity", "params", NULL};
    char where[160];
    snprintf(where, sizeof where, " for rule %.120s", cr->id);
    return unknown_key(r, k, where, known);
}

static int rules_entry(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    (void)ctx;
    pl_config *c = r->c;
    c->rules = grow(&c->arena, c->rules, c->nrules, sizeof *c->rules);
    pl_config_rule *cr = &c->rules[c->nrules++];
    memset(cr, 0, sizeof *cr);
    cr->id = pl_arena_strdup(&c->arena, scalar(k));
    cr->pos = pos_of(k);
    cr->enabled = -1;
    if (want_kind(r, v, YAML_MAPPING_NODE, cr->id) != 0)
        return -1;
    return each_pair(r, v, rule_key, cr);
}

/* ---- exceptions: --------------------------------------------------------------------- */

static int exception_key(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    pl_config_exception *x = ctx;
    const char *key = scalar(k);
    pl_arena *a = &r->c->arena;
    if (!strcmp(key, "rule")) {
        x->rule_pos = pos_of(v);
        return want_string(r, v, "rule", &x->rule);
    }
    if (!strcmp(key, "paths")) {
        if (v->type == YAML_SCALAR_NODE && !is_null(v)) { /* one glob is a list of one */
            x->paths = pl_arena_alloc(a, sizeof *x->paths);
            x->paths[x->npaths++] = pl_arena_strdup(a, scalar(v));
            return 0;
        }
        if (want_kind(r, v, YAML_SEQUENCE_NODE, "paths") != 0)
            return -1;
        for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top;
             i++) {
            yaml_node_t *it = node(r, *i);
            const char *g = NULL;
            if (!it || want_string(r, it, "each of paths", &g) != 0)
                return -1;
            if (g[0] == '/')
                return fail(r, it,
                            "paths are relative to the configuration's directory, not "
                            "absolute: '%s'",
                            g);
            x->paths = grow(a, x->paths, x->npaths, sizeof *x->paths);
            x->paths[x->npaths++] = g;
        }
        if (x->npaths == 0)
            return fail(r, v, "paths is empty (leave it out to apply everywhere)");
        return 0;
    }
    if (!strcmp(key, "stage")) {
        if (want_string(r, v, "stage", &x->stage) != 0)
            return -1;
        if (digits(x->stage) && (strlen(x->stage) > 6 || atoi(x->stage) < 1))
            return fail(r, v, "stage must be a stage name or an index from 1");
        return 0;
    }
    if (!strcmp(key, "line")) {
        unsigned long long n;
        if (want_count(r, v, "line", INT_MAX, &n) != 0)
            return -1;
        x->line = (int)n;
        return 0;
    }
    if (!strcmp(key, "reason")) {
        /* a reason of blanks or dots satisfies the syntax and says nothing */
        if (v->type != YAML_SCALAR_NODE || is_null(v) ||
            !pl_text_says_something(scalar(v), v->data.scalar.length))
            return fail(r, v,
                        "reason must say why this is accepted, in words (not empty, "
                        "blank or only punctuation)");
        x->reason = pl_arena_strdup(a, scalar(v));
        return 0;
    }
    if (!strcmp(key, "expires")) {
        x->expires_pos = pos_of(v);
        if (v->type != YAML_SCALAR_NODE || !pl_date_valid(scalar(v)))
            return fail(r, v, "expires must be a date YYYY-MM-DD, not %s%s%s",
                        v->type == YAML_SCALAR_NODE ? "'" : "",
                        v->type == YAML_SCALAR_NODE ? scalar(v) : kind_name(v),
                        v->type == YAML_SCALAR_NODE ? "'" : "");
        x->expires = pl_arena_strdup(a, scalar(v));
        return 0;
    }
    static const char *const known[] = {"rule",   "paths",   "stage", "line",
                                        "reason", "expires", NULL};
    return unknown_key(r, k, " in an exception", known);
}

static int read_exceptions(reader *r, yaml_node_t *v) {
    if (want_kind(r, v, YAML_SEQUENCE_NODE, "exceptions") != 0)
        return -1;
    pl_config *c = r->c;
    for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
        yaml_node_t *it = node(r, *i);
        if (!it || want_kind(r, it, YAML_MAPPING_NODE, "each exception") != 0)
            return -1;
        c->exceptions = grow(&c->arena, c->exceptions, c->nexceptions, sizeof *c->exceptions);
        pl_config_exception *x = &c->exceptions[c->nexceptions++];
        memset(x, 0, sizeof *x);
        x->pos = pos_of(it);
        if (each_pair(r, it, exception_key, x) != 0)
            return -1;
        if (!x->rule)
            return fail(r, it, "an exception needs rule: (a rule id, an alias, or \"*\")");
        if (!x->reason)
            return fail(r, it, "an exception needs reason: (say why this is accepted)");
    }
    return 0;
}

/* ---- top level ------------------------------------------------------------------------ */

static int limits_key(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    (void)ctx;
    pl_config *c = r->c;
    const char *key = scalar(k);
    if (!strcmp(key, "memory-mib")) {
        c->memory_mib_pos = pos_of(v);
        return want_count(r, v, "memory-mib", 1024 * 1024, &c->memory_mib);
    }
    if (!strcmp(key, "instructions")) {
        c->instructions_pos = pos_of(v);
        return want_count(r, v, "instructions", 1000000000000ULL, &c->instructions);
    }
    if (!strcmp(key, "findings")) {
        c->findings_pos = pos_of(v);
        return want_count(r, v, "findings", 100000000ULL, &c->findings);
    }
    if (!strcmp(key, "timeout-ms")) {
        c->timeout_ms_pos = pos_of(v);
        return want_count(r, v, "timeout-ms", 86400000ULL, &c->timeout_ms);
    }
    static const char *const known[] = {"memory-mib", "instructions", "findings", "timeout-ms",
                                        NULL};
    return unknown_key(r, k, " in limits", known);
}

static int build_arg(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    (void)ctx;
    pl_config *c = r->c;
    if (!*scalar(k) || strchr(scalar(k), '='))
        return fail(r, k, "a build argument name must be non-empty and without '='");
    if (v->type != YAML_SCALAR_NODE)
        return fail(r, v, "build argument %s must be a scalar, not %s", scalar(k), kind_name(v));
    c->build_args = grow(&c->arena, c->build_args, c->nbuild_args, sizeof *c->build_args);
    c->build_args[c->nbuild_args++] =
        pl_arena_printf(&c->arena, "%s=%s", scalar(k), is_null(v) ? "" : scalar(v));
    return 0;
}

static int top_key(reader *r, const yaml_node_t *k, yaml_node_t *v, void *ctx) {
    (void)ctx;
    pl_config *c = r->c;
    const char *key = scalar(k);
    if (!strcmp(key, "policies")) {
        c->policies_pos = pos_of(v);
        if (want_kind(r, v, YAML_SEQUENCE_NODE, "policies") != 0)
            return -1;
        for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top;
             i++) {
            yaml_node_t *it = node(r, *i);
            const char *p = NULL;
            if (!it || want_string(r, it, "each of policies", &p) != 0)
                return -1;
            c->policies = grow(&c->arena, c->policies, c->npolicies, sizeof *c->policies);
            c->policies[c->npolicies++] = resolve(r, p);
        }
        return 0;
    }
    if (!strcmp(key, "builtin")) {
        c->builtin_pos = pos_of(v);
        return want_bool(r, v, "builtin", &c->builtin);
    }
    if (!strcmp(key, "fail-on")) {
        c->has_fail_on = true;
        c->fail_on_pos = pos_of(v);
        return want_severity(r, v, "fail-on", &c->fail_on);
    }
    if (!strcmp(key, "preset")) {
        c->preset_pos = pos_of(v);
        if (want_string(r, v, "preset", &c->preset) != 0)
            return -1;
        if (strcmp(c->preset, "default") && strcmp(c->preset, "strict"))
            return fail(r, v, "preset must be default or strict, not '%s'", c->preset);
        return 0;
    }
    if (!strcmp(key, "format")) {
        c->format_pos = pos_of(v);
        if (want_string(r, v, "format", &c->format) != 0)
            return -1;
        pl_format f;
        if (pl_format_parse(c->format, &f) != 0)
            return fail(r, v, "format must be one of %s, not '%s'", pl_format_names(), c->format);
        return 0;
    }
    if (!strcmp(key, "locked")) {
        c->locked_pos = pos_of(v);
        return want_bool(r, v, "locked", &c->locked);
    }
    if (!strcmp(key, "unused-suppressions")) {
        c->unused_suppressions_pos = pos_of(v);
        if (v->type == YAML_SCALAR_NODE && !strcmp(scalar(v), "error"))
            c->unused_suppressions_error = 1;
        else if (v->type == YAML_SCALAR_NODE && !strcmp(scalar(v), "note"))
            c->unused_suppressions_error = 0;
        else
            return fail(r, v, "unused-suppressions must be note or error");
        return 0;
    }
    if (!strcmp(key, "build-args")) {
        c->build_args_pos = pos_of(v);
        if (want_kind(r, v, YAML_MAPPING_NODE, "build-args") != 0)
            return -1;
        return each_pair(r, v, build_arg, NULL);
    }
    if (!strcmp(key, "limits")) {
        if (want_kind(r, v, YAML_MAPPING_NODE, "limits") != 0)
            return -1;
        return each_pair(r, v, limits_key, NULL);
    }
    if (!strcmp(key, "rules")) {
        if (want_kind(r, v, YAML_MAPPING_NODE, "rules") != 0)
            return -1;
        return each_pair(r, v, rules_entry, NULL);
    }
    if (!strcmp(key, "exceptions"))
        return read_exceptions(r, v);
    static const char *const known[] = {"policies",
                                        "builtin",
                                        "fail-on",
                                        "preset",
                                        "format",
                                        "locked",
                                        "build-args",
                                        "limits",
                                        "rules",
                                        "exceptions",
                                        "unused-suppressions",
                                        NULL};
    return unknown_key(r, k, "", known);
}

static void config_init(pl_config *c) {
    memset(c, 0, sizeof *c);
    pl_arena_init(&c->arena);
    c->builtin = -1;
    c->locked = -1;
    c->unused_suppressions_error = -1;
}

static char *dir_of(pl_arena *a, const char *path) {
    const char *slash = strrchr(path, '/');
    char *d = slash ? pl_arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path))
                    : pl_arena_strdup(a, ".");
    if (d[0] == '/')
        return d;
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return d;
    return strcmp(d, ".") == 0 ? pl_arena_strdup(a, cwd) : pl_arena_printf(a, "%s/%s", cwd, d);
}

int pl_config_parse(const char *path, const char *dir, const char *text, size_t len, pl_config *out,
                    pl_error *err) {
    config_init(out);
    out->path = pl_arena_strdup(&out->arena, path ? path : PL_CONFIG_NAME);
    out->dir = dir ? pl_arena_strdup(&out->arena, dir) : dir_of(&out->arena, out->path);
    reader r = {.c = out, .err = err, .path = out->path};
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        abort();
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &r.doc)) {
        const yaml_mark_t *m = p.problem ? &p.problem_mark : &p.context_mark;
        pl_error_set(err, r.path, (int)m->line + 1, (int)m->column + 1, "not valid YAML: %s%s%s",
                     p.problem ? p.problem : "syntax error", p.context ? " " : "",
                     p.context ? p.context : "");
        yaml_parser_delete(&p);
        return -1;
    }
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&r.doc);
    if (root && !(root->type == YAML_SCALAR_NODE && is_null(root))) {
        if (root->type != YAML_MAPPING_NODE)
            rc =
                fail(&r, root,
                     "the configuration must be a mapping of keys (policies:, rules:, ...), not %s",
                     kind_name(root));
        else
            rc = each_pair(&r, root, top_key, NULL);
    }
    /* a second document would be silently ignored: refuse it */
    if (rc == 0) {
        yaml_document_t next;
        if (yaml_parser_load(&p, &next)) {
            yaml_node_t *n2 = yaml_document_get_root_node(&next);
            if (n2)
                rc = pl_error_set(err, r.path, (int)n2->start_mark.line + 1,
                                  (int)n2->start_mark.column + 1,
                                  "a second YAML document; the configuration is one document");
            yaml_document_delete(&next);
        }
    }
    yaml_document_delete(&r.doc);
    yaml_parser_delete(&p);
    return rc;
}

int pl_config_load(const char *path, pl_config *out, pl_error *err) {
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    if (pl_file_read(&a, path, MAX_CONFIG, &text, &len, err) != 0) {
        config_init(out);
        err->path = path;
        pl_arena_free(&a);
        return -1;
    }
    int rc = pl_config_parse(path, NULL, text, len, out, err);
    pl_arena_free(&a);
    return rc;
}

void pl_config_free(pl_config *c) {
    for (size_t i = 0; i < c->nrules; i++)
        for (size_t j = 0; j < c->rules[i].nparams; j++)
            json_decref(c->rules[i].params[j].value);
    pl_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

char *pl_config_find(const char *start_dir) {
    size_t n = strlen(start_dir);
    char *dir = malloc(n + 1);
    if (!dir)
        abort();
    memcpy(dir, start_dir, n + 1);
    for (;;) {
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = 0;
        size_t need = n + sizeof PL_CONFIG_NAME + 1;
        char *cand = malloc(need);
        if (!cand)
            abort();
        snprintf(cand, need, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", PL_CONFIG_NAME);
        struct stat st;
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
            free(dir);
            return cand;
        }
        free(cand);
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            break;
        n = slash == dir ? 1 : (size_t)(slash - dir);
        dir[n] = 0;
    }
    free(dir);
    return NULL;
}

int pl_config_apply(const pl_config *c, pl_engine *e, pl_error *err) {
    for (size_t i = 0; i < c->nrules; i++) {
        const pl_config_rule *cr = &c->rules[i];
        if (!pl_engine_find_rule(e, cr->id)) {
            const char *near = pl_engine_suggest_rule(e, cr->id);
            return pl_error_set(
                err, c->path, cr->pos.line, cr->pos.column,
                "unknown rule '%s'%s%s%s (plimsoll rules lists the ids and aliases)", cr->id,
                near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        }
        pl_error e2;
        memset(&e2, 0, sizeof e2);
        if (cr->enabled >= 0)
            pl_engine_set_enabled(e, cr->id, cr->enabled == 1,
                                  pl_arena_printf((pl_arena *)&c->arena, "disabled by %s:%d",
                                                  c->path, cr->enabled_pos.line),
                                  NULL);
        if (cr->has_severity)
            pl_engine_set_severity(e, cr->id, cr->severity, NULL);
        for (size_t j = 0; j < cr->nparams; j++) {
            const pl_config_param *p = &cr->params[j];
            if (pl_engine_set_param(e, cr->id, p->name, p->value, &e2) != 0) {
                bool unknown = strstr(e2.message, "has no parameter") != NULL;
                pl_config_pos at = unknown ? p->name_pos : p->pos;
                return pl_error_set(err, c->path, at.line, at.column, "%s", e2.message);
            }
        }
    }
    for (size_t i = 0; i < c->nexceptions; i++) {
        const pl_config_exception *x = &c->exceptions[i];
        if (strcmp(x->rule, "*") != 0 && !pl_engine_find_rule(e, x->rule)) {
            const char *near = pl_engine_suggest_rule(e, x->rule);
            return pl_error_set(err, c->path, x->rule_pos.line, x->rule_pos.column,
                                "unknown rule '%s' in an exception%s%s%s (a rule id, an alias, "
                                "or \"*\")",
                                x->rule, near ? "; did you mean '" : "", near ? near : "",
                                near ? "'?" : "");
        }
    }
    return 0;
}

bool pl_date_valid(const char *s) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}
