/* image.c — image configurations into the pl_image model: an OCI config (with Docker's
 * extras and the legacy container_config) or what `docker inspect IMAGE` prints.
 *
 * jansson parses (strictly: no duplicate keys, since a scanner that reads one copy of a
 * key while the runtime reads the other is a way to hide a setting); json_locate.c
 * places every value in the text so a finding can point at it. Both shapes meet in one
 * model; null is absent everywhere, unknown keys are ignored, and a known key holding
 * the wrong type is an error at that key, never a silent default. */
#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include <jansson.h>

#include "plimsoll/image.h"

typedef struct ctx {
    pl_arena *a;
    const char *path;
    const char *text;
    size_t len;
    size_t *bol; /* offset where each line begins */
    size_t nlines;
    pl_error *err;
} ctx;

/* A value in both worlds: jansson's tree and the text. */
typedef struct node {
    json_t *j; /* NULL when the key is absent; may be json null */
    const char *ptr;
    size_t off;
    bool has_off;
    pl_json_member *m; /* members in text order, scanned on first use */
    size_t nm, hint;
    bool scanned;
} node;

static bool present(const node *n) {
    return n->j && !json_is_null(n->j);
}

static const char *type_name(const json_t *j) {
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static void line_col(const ctx *c, size_t off, int *line, int *column) {
    size_t lo = 0, hi = c->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->bol[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1 > INT_MAX ? INT_MAX : (int)(lo + 1);
    size_t col = off - c->bol[lo] + 1;
    *column = col > INT_MAX ? INT_MAX : (int)col;
}

static pl_json_loc loc_of(const ctx *c, const node *n) {
    pl_json_loc l = {n->ptr, 0, 0};
    if (n->has_off)
        line_col(c, n->off, &l.line, &l.column);
    return l;
}

static int type_error(ctx *c, const node *n, const char *want) {
    pl_json_loc l = loc_of(c, n);
    return pl_error_set(c->err, c->path, l.line, l.column, "%s: expected %s, found %s",
                        n->ptr[0] ? n->ptr : "the document", want, type_name(n->j));
}

static int value_error(ctx *c, const node *n, const char *fmt, const char *arg) {
    pl_json_loc l = loc_of(c, n);
    char msg[400];
    snprintf(msg, sizeof msg, fmt, arg);
    return pl_error_set(c->err, c->path, l.line, l.column, "%s: %s",
                        n->ptr[0] ? n->ptr : "the document", msg);
}

static void scan(ctx *c, node *n) {
    if (n->scanned)
        return;
    n->scanned = true;
    if (!n->has_off || pl_json_members(c->a, c->text, c->len, n->off, &n->m, &n->nm) < 0)
        n->nm = 0;
}

/* RFC 6901: '~' and '/' in a key are written ~0 and ~1. */
static const char *ptr_join(ctx *c, const char *base, const char *key) {
    pl_buf b;
    pl_buf_init(&b);
    pl_buf_puts(&b, base);
    pl_buf_puts(&b, "/");
    for (const char *k = key; *k; k++) {
        if (*k == '~')
            pl_buf_puts(&b, "~0");
        else if (*k == '/')
            pl_buf_puts(&b, "~1");
        else
            pl_buf_append(&b, k, 1);
    }
    const char *s = pl_arena_strdup(c->a, b.data);
    pl_buf_free(&b);
    return s;
}

static node child(ctx *c, node *parent, const char *key) {
    node n = {0};
    n.ptr = ptr_join(c, parent->ptr, key);
    if (!parent->j || !json_is_object(parent->j))
        return n;
    n.j = json_object_get(parent->j, key);
    if (!n.j)
        return n;
    /* keys are looked up in text order most of the time, so start after the last hit */
    scan(c, parent);
    size_t kl = strlen(key);
    for (size_t k = 0; k < parent->nm; k++) {
        size_t i = (parent->hint + k) % parent->nm;
        pl_json_member *m = &parent->m[i];
        if (m->key && m->key_len == kl && memcmp(m->key, key, kl) == 0) {
            n.off = m->offset;
            n.has_off = true;
            parent->hint = i + 1;
            break;
        }
    }
    return n;
}

static node elem(ctx *c, node *parent, size_t i) {
    node n = {0};
    n.ptr = pl_arena_printf(c->a, "%s/%zu", parent->ptr, i);
    n.j = json_array_get(parent->j, i);
    scan(c, parent);
    if (i < parent->nm) {
        n.off = parent->m[i].offset;
        n.has_off = true;
    }
    return n;
}

/* ---- typed readers: absent and null read as "not there" --------------------- */

static int rd_str(ctx *c, node *parent, const char *key, const char **out, pl_json_loc *loc) {
    node n = child(c, parent, key);
    if (loc)
        *loc = loc_of(c, &n);
    *out = NULL;
    if (!present(&n))
        return 0;
    if (!json_is_string(n.j))
        return type_error(c, &n, "a string");
    *out = pl_arena_strndup(c->a, json_string_value(n.j), json_string_length(n.j));
    return 0;
}

static int rd_image_str(ctx *c, node *parent, const char *key, pl_image_str *out) {
    return rd_str(c, parent, key, &out->value, &out->loc);
}

static int rd_list(ctx *c, node *parent, const char *key, bool bare_ok, pl_image_list *out) {
    node n = child(c, parent, key);
    out->loc = loc_of(c, &n);
    if (!present(&n))
        return 0;
    out->present = true;
    if (bare_ok && json_is_string(n.j)) {
        /* moby's StrSlice: legacy producers wrote "Cmd": "sh" for ["sh"] */
        out->items = pl_arena_alloc(c->a, sizeof *out->items);
        out->items[0].value =
            pl_arena_strndup(c->a, json_string_value(n.j), json_string_length(n.j));
        out->items[0].loc = out->loc;
        out->n = 1;
        return 0;
    }
    if (!json_is_array(n.j))
        return type_error(c, &n,
                          bare_ok ? "an array of strings or a string" : "an array of strings");
    size_t cnt = json_array_size(n.j);
    out->items = pl_arena_alloc(c->a, (cnt ? cnt : 1) * sizeof *out->items);
    for (size_t i = 0; i < cnt; i++) {
        node e = elem(c, &n, i);
        if (!json_is_string(e.j))
            return type_error(c, &e, "a string");
        out->items[i].value =
            pl_arena_strndup(c->a, json_string_value(e.j), json_string_length(e.j));
        out->items[i].loc = loc_of(c, &e);
    }
    out->n = cnt;
    return 0;
}

/* ExposedPorts and Volumes: Go sets, written as {"key": {}}; only the keys matter. */
static int rd_keys(ctx *c, node *parent, const char *key, pl_image_list *out) {
    node n = child(c, parent, key);
    out->loc = loc_of(c, &n);
    if (!present(&n))
        return 0;
    if (!json_is_object(n.j))
        return type_error(c, &n, "an object");
    out->present = true;
    out->items = pl_arena_alloc(c->a, (json_object_size(n.j) + 1) * sizeof *out->items);
    const char *k;
    json_t *v;
    json_object_foreach(n.j, k, v) {
        node e = child(c, &n, k);
        out->items[out->n].value = pl_arena_strdup(c->a, k);
        out->items[out->n].loc = loc_of(c, &e);
        out->n++;
    }
    return 0;
}

static int rd_env(ctx *c, node *parent, const char *key, pl_image_kv **out, size_t *nout) {
    node n = child(c, parent, key);
    *out = NULL;
    *nout = 0;
    if (!present(&n))
        return 0;
    if (!json_is_array(n.j))
        return type_error(c, &n, "an array of strings");
    size_t cnt = json_array_size(n.j);
    pl_image_kv *kv = pl_arena_alloc(c->a, (cnt ? cnt : 1) * sizeof *kv);
    for (size_t i = 0; i < cnt; i++) {
        node e = elem(c, &n, i);
        if (!json_is_string(e.j))
            return type_error(c, &e, "a string (\"NAME=value\")");
        const char *s = json_string_value(e.j);
        size_t sl = json_string_length(e.j);
        const char *eq = memchr(s, '=', sl);
        kv[i].raw = pl_arena_strndup(c->a, s, sl);
        kv[i].key = pl_arena_strndup(c->a, s, eq ? (size_t)(eq - s) : sl);
        kv[i].value = eq ? pl_arena_strndup(c->a, eq + 1, sl - (size_t)(eq - s) - 1) : NULL;
        kv[i].loc = loc_of(c, &e);
    }
    *out = kv;
    *nout = cnt;
    return 0;
}

static int rd_labels(ctx *c, node *parent, const char *key, pl_image_kv **out, size_t *nout) {
    node n = child(c, parent, key);
    *out = NULL;
    *nout = 0;
    if (!present(&n))
        return 0;
    if (!json_is_object(n.j))
        return type_error(c, &n, "an object of strings");
    pl_image_kv *kv = pl_arena_alloc(c->a, (json_object_size(n.j) + 1) * sizeof *kv);
    size_t cnt = 0;
    const char *k;
    json_t *v;
    json_object_foreach(n.j, k, v) {
        node e = child(c, &n, k);
        if (json_is_null(v))
            continue;
        if (!json_is_string(v))
            return type_error(c, &e, "a string");
        kv[cnt].key = pl_arena_strdup(c->a, k);
        kv[cnt].value = pl_arena_strndup(c->a, json_string_value(v), json_string_length(v));
        kv[cnt].raw = kv[cnt].value;
        kv[cnt].loc = loc_of(c, &e);
        cnt++;
    }
    *out = kv;
    *nout = cnt;
    return 0;
}

static int rd_int(ctx *c, node *parent, const char *key, const char *what, int64_t *out) {
    node n = child(c, parent, key);
    *out = 0;
    if (!present(&n))
        return 0;
    if (!json_is_integer(n.j))
        return type_error(c, &n, what);
    *out = (int64_t)json_integer_value(n.j);
    return 0;
}

static int rd_bool(ctx *c, node *parent, const char *key, bool *out) {
    node n = child(c, parent, key);
    *out = false;
    if (!present(&n))
        return 0;
    if (!json_is_boolean(n.j))
        return type_error(c, &n, "true or false");
    *out = json_is_true(n.j);
    return 0;
}

/* An object, or absent/null; anything else is an error at the key. */
static int rd_object(ctx *c, node *parent, const char *key, node *out) {
    *out = child(c, parent, key);
    if (present(out) && !json_is_object(out->j))
        return type_error(c, out, "an object");
    return 0;
}

/* ---- the model ---------------------------------------------------------------- */

static int rd_healthcheck(ctx *c, node *cfg, pl_image *img) {
    node h;
    if (rd_object(c, cfg, "Healthcheck", &h) < 0)
        return -1;
    if (!present(&h))
        return 0;
    pl_image_healthcheck *hc = pl_arena_alloc(c->a, sizeof *hc);
    hc->loc = loc_of(c, &h);
    const char *ns = "an integer (nanoseconds)";
    int64_t retries;
    if (rd_list(c, &h, "Test", false, &hc->test) < 0 ||
        rd_int(c, &h, "Interval", ns, &hc->interval_ns) < 0 ||
        rd_int(c, &h, "Timeout", ns, &hc->timeout_ns) < 0 ||
        rd_int(c, &h, "StartPeriod", ns, &hc->start_period_ns) < 0 ||
        rd_int(c, &h, "StartInterval", ns, &hc->start_interval_ns) < 0 ||
        rd_int(c, &h, "Retries", "an integer", &retries) < 0)
        return -1;
    if (retries < INT_MIN || retries > INT_MAX) {
        node r = child(c, &h, "Retries");
        return value_error(c, &r, "%s", "retry count out of range");
    }
    hc->retries = (int)retries;
    img->healthcheck = hc;
    return 0;
}

/* The execution defaults: the same keys in an OCI "config" and an inspect "Config". */
static int rd_config(ctx *c, node *cfg, pl_image *img) {
    if (rd_image_str(c, cfg, "User", &img->user) < 0 ||
        rd_env(c, cfg, "Env", &img->env, &img->nenv) < 0 ||
        rd_list(c, cfg, "Entrypoint", true, &img->entrypoint) < 0 ||
        rd_list(c, cfg, "Cmd", true, &img->cmd) < 0 ||
        rd_list(c, cfg, "Shell", true, &img->shell) < 0 ||
        rd_list(c, cfg, "OnBuild", false, &img->onbuild) < 0 ||
        rd_image_str(c, cfg, "WorkingDir", &img->working_dir) < 0 ||
        rd_image_str(c, cfg, "StopSignal", &img->stop_signal) < 0 ||
        rd_keys(c, cfg, "ExposedPorts", &img->exposed_ports) < 0 ||
        rd_keys(c, cfg, "Volumes", &img->volumes) < 0 ||
        rd_labels(c, cfg, "Labels", &img->labels, &img->nlabels) < 0 ||
        rd_healthcheck(c, cfg, img) < 0)
        return -1;
    return 0;
}

/* Legacy builders recorded the build container's config; never the effective config,
 * but secrets hide there (#(nop) ENV PASSWORD=...). */
static int rd_legacy(ctx *c, node *root, const char *key, pl_image *img) {
    node cc;
    if (rd_object(c, root, key, &cc) < 0)
        return -1;
    if (!present(&cc))
        return 0;
    if (rd_env(c, &cc, "Env", &img->legacy_env, &img->nlegacy_env) < 0 ||
        rd_list(c, &cc, "Cmd", true, &img->legacy_cmd) < 0)
        return -1;
    return 0;
}

static int rd_rootfs(ctx *c, node *root, const char *key, const char *type_key, const char *ids_key,
                     bool required, pl_image *img) {
    node rf;
    if (rd_object(c, root, key, &rf) < 0)
        return -1;
    if (!present(&rf)) {
        if (!required)
            return 0;
        return value_error(c, root,
                           "missing \"%s\": an image config needs rootfs.type and "
                           "rootfs.diff_ids (is this a manifest, an index, or not an image?)",
                           key);
    }
    const char *type;
    node tn = child(c, &rf, type_key);
    if (rd_str(c, &rf, type_key, &type, NULL) < 0)
        return -1;
    if (!type)
        return value_error(c, &rf, "missing \"%s\" (it must be \"layers\")", type_key);
    if (strcmp(type, "layers") != 0)
        return value_error(c, &tn, "unsupported rootfs type \"%s\": it must be \"layers\"", type);
    return rd_list(c, &rf, ids_key, false, &img->diff_ids);
}

static int rd_history(ctx *c, node *root, pl_image *img) {
    node h = child(c, root, "history");
    if (!present(&h))
        return 0;
    if (!json_is_array(h.j))
        return type_error(c, &h, "an array of objects");
    img->has_history = true;
    size_t cnt = json_array_size(h.j);
    img->history = pl_arena_alloc(c->a, (cnt ? cnt : 1) * sizeof *img->history);
    size_t layer = 0;
    for (size_t i = 0; i < cnt; i++) {
        node e = elem(c, &h, i);
        if (!json_is_object(e.j))
            return type_error(c, &e, "an object");
        pl_image_history *hi = &img->history[i];
        if (rd_str(c, &e, "created", &hi->created, NULL) < 0 ||
            rd_str(c, &e, "created_by", &hi->created_by, NULL) < 0 ||
            rd_str(c, &e, "author", &hi->author, NULL) < 0 ||
            rd_str(c, &e, "comment", &hi->comment, NULL) < 0 ||
            rd_bool(c, &e, "empty_layer", &hi->empty_layer) < 0)
            return -1;
        hi->loc = loc_of(c, &e);
        /* each entry that made a layer consumes the next diff_id; truncated histories
         * are common, so running out is not an error */
        if (!hi->empty_layer && layer < img->diff_ids.n)
            hi->diff_id = img->diff_ids.items[layer++].value;
    }
    img->nhistory = cnt;
    return 0;
}

static int rd_oci(ctx *c, node *root, pl_image *img) {
    char hex[65];
    pl_sha256_hex(c->text, c->len, hex);
    img->format = "oci-config";
    img->id = pl_arena_printf(c->a, "sha256:%s", hex);
    node cfg;
    if (rd_str(c, root, "architecture", &img->architecture, NULL) < 0 ||
        rd_str(c, root, "os", &img->os, NULL) < 0 ||
        rd_str(c, root, "variant", &img->variant, NULL) < 0 ||
        rd_str(c, root, "created", &img->created, NULL) < 0 ||
        rd_str(c, root, "author", &img->author, NULL) < 0 || rd_object(c, root, "config", &cfg) < 0)
        return -1;
    img->config_loc = loc_of(c, &cfg);
    if (rd_config(c, &cfg, img) < 0 || rd_legacy(c, root, "container_config", img) < 0 ||
        rd_rootfs(c, root, "rootfs", "type", "diff_ids", true, img) < 0 ||
        rd_history(c, root, img) < 0)
        return -1;
    return 0;
}

static int rd_inspect(ctx *c, node *root, pl_image *img) {
    if (json_object_get(root->j, "State") || json_object_get(root->j, "HostConfig"))
        return value_error(c, root, "%s",
                           "this is `docker inspect` output for a container, "
                           "not an image: inspect the image instead");
    if (!json_object_get(root->j, "Config") && !json_object_get(root->j, "RootFS"))
        return value_error(c, root, "%s",
                           "not `docker inspect` output for an image "
                           "(no Config or RootFS)");
    img->format = "docker-inspect";
    node cfg;
    if (rd_str(c, root, "Id", &img->id, NULL) < 0 ||
        rd_str(c, root, "Architecture", &img->architecture, NULL) < 0 ||
        rd_str(c, root, "Os", &img->os, NULL) < 0 ||
        rd_str(c, root, "Variant", &img->variant, NULL) < 0 ||
        rd_str(c, root, "Created", &img->created, NULL) < 0 ||
        rd_str(c, root, "Author", &img->author, NULL) < 0 ||
        rd_list(c, root, "RepoTags", false, &img->repo_tags) < 0 ||
        rd_list(c, root, "RepoDigests", false, &img->repo_digests) < 0 ||
        rd_object(c, root, "Config", &cfg) < 0)
        return -1;
    img->config_loc = loc_of(c, &cfg);
    if (rd_config(c, &cfg, img) < 0 || rd_legacy(c, root, "ContainerConfig", img) < 0 ||
        rd_rootfs(c, root, "RootFS", "Type", "Layers", false, img) < 0)
        return -1;
    return 0;
}

/* An object is docker inspect output when it has the capitalised keys and none of the
 * OCI ones. */
static bool is_inspect_object(json_t *o) {
    return (json_object_get(o, "Config") || json_object_get(o, "RootFS") ||
            json_object_get(o, "Id")) &&
           !json_object_get(o, "rootfs") && !json_object_get(o, "config") &&
           !json_object_get(o, "architecture");
}

static size_t skip_bom(const char *text, size_t len) {
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static size_t first_value(const char *text, size_t len, size_t i) {
    while (i < len && strchr(" \t\r\n", text[i]) && text[i])
        i++;
    return i;
}

static bool word_byte(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '+' || ch == '-' || ch == '_';
}

/* jansson stops at the last byte of the token it rejects; a user is better served by
 * the token's first byte (the opening quote of a duplicate key, the 'l' of a bare word). */
static size_t token_start(const char *text, size_t len, size_t min, size_t pos) {
    if (pos >= len)
        return pos;
    if (text[pos] == '"') {
        for (size_t i = pos; i > min; i--)
            if (text[i - 1] == '"' && (i < 2 || text[i - 2] != '\\'))
                return i - 1;
        return pos;
    }
    if (word_byte(text[pos]))
        while (pos > min && word_byte(text[pos - 1]))
            pos--;
    return pos;
}

int pl_image_parse(pl_arena *a, const char *path, const char *text, size_t len, pl_image ***out,
                   size_t *n, pl_error *err) {
    ctx c = {a, path, text, len, NULL, 0, err};
    size_t bom = skip_bom(text, len);
    json_error_t je;
    json_t *root = json_loadb(text + bom, len - bom, JSON_REJECT_DUPLICATES, &je);

    /* line starts, for turning offsets into positions */
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    c.bol = pl_arena_alloc(a, lines * sizeof *c.bol);
    c.nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            c.bol[c.nlines++] = i + 1;

    if (!root) {
        /* jansson's column counts characters and its position is one past the byte it
         * stopped at; report that byte like every other position */
        int line = 1, col = 1;
        size_t pos = bom + (size_t)(je.position > 0 ? je.position : 0);
        if (pos > bom)
            pos--;
        if (pos > len)
            pos = len;
        pos = token_start(text, len, bom, pos);
        line_col(&c, pos, &line, &col);
        return pl_error_set(err, path, line, col, "invalid JSON: %s", je.text);
    }

    node top = {0};
    top.j = root;
    top.ptr = "";
    top.off = first_value(text, len, bom);
    top.has_off = top.off < len;

    pl_vec imgs = {0};
    int rc = -1;
    if (json_is_array(root)) {
        size_t cnt = json_array_size(root);
        if (cnt == 0) {
            pl_error_set(err, path, 1, 1,
                         "an empty array: `docker inspect` output that holds no image");
            goto done;
        }
        for (size_t i = 0; i < cnt; i++) {
            node e = elem(&c, &top, i);
            if (!json_is_object(e.j)) {
                type_error(&c, &e, "an object (one image of `docker inspect` output)");
                goto done;
            }
            pl_image *img = pl_arena_alloc(a, sizeof *img);
            img->path = path;
            img->element = (int)(i > INT_MAX ? INT_MAX : i);
            if (rd_inspect(&c, &e, img) < 0)
                goto done;
            *PL_VEC_PUSH(a, &imgs, pl_image *) = img;
        }
    } else {
        pl_image *img = pl_arena_alloc(a, sizeof *img);
        img->path = path;
        if ((is_inspect_object(root) ? rd_inspect(&c, &top, img) : rd_oci(&c, &top, img)) < 0)
            goto done;
        *PL_VEC_PUSH(a, &imgs, pl_image *) = img;
    }
    *out = imgs.items;
    *n = imgs.len;
    rc = 0;
done:
    json_decref(root);
    return rc;
}

/* ---- sniffing ------------------------------------------------------------------ */

/* The first byte of the value at pointer, or 0 when it is not found (perhaps beyond a
 * truncated buffer). */
static char first_at(const char *text, size_t len, const char *pointer) {
    size_t off;
    if (pl_json_locate_offset(text, len, pointer, &off) < 0 || off >= len)
        return 0;
    return text[off];
}

static bool any_key(const char *text, size_t len, const char *const *keys) {
    for (; *keys; keys++)
        if (first_at(text, len, *keys))
            return true;
    return false;
}

static bool looks_config(const char *t, size_t len) {
    /* manifests, indexes, schema-1 manifests and oci-layout files */
    static const char *const other[] = {
        "/schemaVersion", "/mediaType",          "/manifests", "/layers",
        "/fsLayers",      "/imageLayoutVersion", NULL};
    if (any_key(t, len, other))
        return false;
    if (first_at(t, len, "/rootfs") == '{')
        return true;
    /* Docker sorts keys, so a long history can push rootfs past a sniffing buffer */
    return first_at(t, len, "/architecture") == '"' &&
           (first_at(t, len, "/config") == '{' || first_at(t, len, "/history") == '[');
}

static bool looks_inspect(const char *t, size_t len, const char *prefix) {
    char p[64];
    const char *container[] = {"/State", "/HostConfig", "/Mounts", NULL};
    for (const char *const *k = container; *k; k++) {
        snprintf(p, sizeof p, "%s%s", prefix, *k);
        if (first_at(t, len, p))
            return false;
    }
    snprintf(p, sizeof p, "%s/RootFS", prefix);
    if (first_at(t, len, p) == '{')
        return true;
    snprintf(p, sizeof p, "%s/Config", prefix);
    if (first_at(t, len, p) != '{')
        return false;
    snprintf(p, sizeof p, "%s/Id", prefix);
    if (first_at(t, len, p) != '"')
        return false;
    const char *platform[] = {"/Architecture", "/Os", "/RepoTags", NULL};
    for (const char *const *k = platform; *k; k++) {
        snprintf(p, sizeof p, "%s%s", prefix, *k);
        if (first_at(t, len, p))
            return true;
    }
    return false;
}

bool pl_image_sniff(const char *text, size_t len) {
    if (!text)
        return false;
    size_t bom = skip_bom(text, len);
    text += bom;
    len -= bom;
    size_t i = first_value(text, len, 0);
    if (i >= len)
        return false;
    if (text[i] == '{')
        return looks_config(text, len) || looks_inspect(text, len, "");
    if (text[i] == '[')
        return looks_inspect(text, len, "/0");
    return false;
}
