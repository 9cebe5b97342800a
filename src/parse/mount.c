/* mount.c — a RUN --mount value read as BuildKit's instructions package reads it.
 *
 * BuildKit (frontend/dockerfile/instructions/commands_runmount.go, parseMount) splits
 * the value with Go's encoding/csv (quoted fields, "" for a quote, a bare quote is an
 * error), lowercases each key with strings.ToLower, expands each value on its own, lets
 * the last of a repeated key win and rejects unknown keys and bad values. A hand-made
 * split on ',' sees `"target=/x,src=y"` as two fields where the builder sees one, and
 * `TYPE=secret` as no type at all; this file is the one reader every consumer uses. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "plimsoll/dockerfile.h"

#include "gostr.h"

/* encoding/csv Reader.Read of one line (Comma ',', no LazyQuotes, no TrimLeadingSpace):
 * the fields, or -1 with a message. */
static int csv_fields(pl_arena *a, const char *s, size_t n, pl_vec *fields, pl_vec *lens,
                      const char **err) {
    if (n > 0 && s[n - 1] == '\r') /* dropped before EOF for compatibility, as in Go */
        n--;
    if (n == 0) {
        *err = "failed to parse csv mounts: EOF";
        return -1;
    }
    size_t i = 0;
    for (;;) {
        pl_sbuf f = {0};
        if (i >= n || s[i] != '"') {
            size_t j = i;
            while (j < n && s[j] != ',')
                j++;
            if (memchr(s + i, '"', j - i)) {
                *err = "failed to parse csv mounts: bare \" in non-quoted-field";
                return -1;
            }
            pl_sbuf_add(a, &f, s + i, j - i);
            *PL_VEC_PUSH(a, fields, const char *) = pl_sbuf_str(a, &f);
            *PL_VEC_PUSH(a, lens, size_t) = f.len;
            if (j >= n)
                return 0;
            i = j + 1;
            continue;
        }
        i++; /* opening quote */
        for (;;) {
            const char *q = memchr(s + i, '"', n - i);
            if (!q) {
                *err = "failed to parse csv mounts: extraneous or missing \" in quoted-field";
                return -1;
            }
            size_t k = (size_t)(q - s);
            pl_sbuf_add(a, &f, s + i, k - i);
            i = k + 1;
            if (i < n && s[i] == '"') { /* "" is a quote */
                pl_sbuf_addc(a, &f, '"');
                i++;
                continue;
            }
            if (i < n && s[i] != ',') {
                *err = "failed to parse csv mounts: extraneous or missing \" in quoted-field";
                return -1;
            }
            break;
        }
        *PL_VEC_PUSH(a, fields, const char *) = pl_sbuf_str(a, &f);
        *PL_VEC_PUSH(a, lens, size_t) = f.len;
        if (i >= n)
            return 0;
        i++; /* the comma */
    }
}

static bool parse_bool(const char *v, bool *out) { /* strconv.ParseBool */
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < 6; i++) {
        if (!strcmp(v, t[i]))
            return *out = true, true;
        if (!strcmp(v, f[i]))
            return *out = false, true;
    }
    return false;
}

static bool parse_uint(const char *v, int base) { /* strconv.ParseUint(v, base, 32) */
    if (!*v)
        return false;
    unsigned long long x = 0;
    for (const char *p = v; *p; p++) {
        int d = *p >= '0' && *p <= '9' ? *p - '0' : -1;
        if (d < 0 || d >= base)
            return false;
        x = x * (unsigned)base + (unsigned)d;
        if (x > 0xFFFFFFFFull)
            return false;
    }
    return true;
}

/* 1 for readonly/ro, 0 for readwrite/rw, -1 for any other key. */
static int ro_key(const char *k) {
    if (!strcmp(k, "readonly") || !strcmp(k, "ro"))
        return 1;
    if (!strcmp(k, "readwrite") || !strcmp(k, "rw"))
        return 0;
    return -1;
}

int pl_df_mount_parse(pl_arena *a, const char *value, size_t len, pl_df_expand_fn expand, void *ctx,
                      pl_df_mount *m) {
    memset(m, 0, sizeof *m);
    m->type = "bind";
    pl_vec fields = {0}, lens = {0}, keys = {0}, vals = {0};
    const char *err = NULL;
    if (csv_fields(a, value ? value : "", value ? len : 0, &fields, &lens, &err) < 0) {
        m->error = err;
        return -1;
    }
    bool ro_auto = true;
    for (size_t i = 0; i < fields.len; i++) {
        const char *f = PL_VEC_AT(fields, const char *, i);
        size_t fn = PL_VEC_AT(lens, size_t, i);
        const char *eq = memchr(f, '=', fn);
        size_t kn = eq ? (size_t)(eq - f) : fn;
        size_t kl;
        const char *key = pl_go_to_lower_str(a, f, kn, &kl);
        const char *v = NULL;
        if (!eq) {
            *PL_VEC_PUSH(a, &keys, const char *) = key;
            *PL_VEC_PUSH(a, &vals, const char *) = NULL;
            if (ro_key(key) >= 0) {
                m->readonly = ro_key(key) == 1;
                ro_auto = false;
            } else if (!strcmp(key, "required") &&
                       (!strcmp(m->type, "secret") || !strcmp(m->type, "ssh"))) {
                m->required = true;
            } else if (!strcmp(key, "required")) {
                m->error =
                    pl_arena_printf(a, "unexpected key 'required' for mount type '%s'", m->type);
            } else {
                m->error = pl_arena_printf(a, "invalid field '%s' must be a key=value pair", f);
            }
        } else {
            const char *raw = pl_arena_strndup(a, eq + 1, fn - kn - 1);
            v = expand ? expand(ctx, raw, fn - kn - 1) : raw;
            /* the field list keeps the text as written when the value is undecidable */
            *PL_VEC_PUSH(a, &keys, const char *) = key;
            *PL_VEC_PUSH(a, &vals, const char *) = v ? v : raw;
        }
        if (m->error)
            break; /* BuildKit stops at the first error */
        if (!eq)
            continue;
        if (!v) /* not decidable: BuildKit would know; we do not guess */
            continue;
        bool b;
        if (!strcmp(key, "type")) {
            size_t tl;
            const char *t = pl_go_to_lower_str(a, v, strlen(v), &tl);
            if (strcmp(t, "bind") && strcmp(t, "cache") && strcmp(t, "tmpfs") &&
                strcmp(t, "secret") && strcmp(t, "ssh"))
                m->error = pl_arena_printf(a, "unsupported mount type \"%s\"", v);
            else
                m->type = t;
        } else if (!strcmp(key, "from")) {
            m->from = v;
        } else if (!strcmp(key, "source") || !strcmp(key, "src")) {
            m->source = v;
        } else if (!strcmp(key, "target") || !strcmp(key, "dst") || !strcmp(key, "destination")) {
            m->target = v;
        } else if (ro_key(key) >= 0) {
            if (!parse_bool(v, &b))
                m->error = pl_arena_printf(a, "invalid value for %s: %s", key, v);
            else
                m->readonly = ro_key(key) == 1 ? b : !b;
            ro_auto = false;
        } else if (!strcmp(key, "required")) {
            if (strcmp(m->type, "secret") && strcmp(m->type, "ssh"))
                m->error =
                    pl_arena_printf(a, "unexpected key 'required' for mount type '%s'", m->type);
            else if (!parse_bool(v, &m->required))
                m->error = pl_arena_printf(a, "invalid value for required: %s", v);
        } else if (!strcmp(key, "id")) {
            m->id = v;
        } else if (!strcmp(key, "sharing")) {
            size_t sl;
            const char *sh = pl_go_to_lower_str(a, v, strlen(v), &sl);
            if (strcmp(sh, "shared") && strcmp(sh, "private") && strcmp(sh, "locked"))
                m->error = pl_arena_printf(a, "unsupported sharing value \"%s\"", v);
            else
                m->sharing = sh;
        } else if (!strcmp(key, "mode") || !strcmp(key, "uid") || !strcmp(key, "gid")) {
            if (!parse_uint(v, key[0] == 'm' ? 8 : 10))
                m->error = pl_arena_printf(a, "invalid value %s for %s", v, key);
            else if (key[0] == 'm')
                m->mode = v;
            else if (key[0] == 'u')
                m->uid = v;
            else
                m->gid = v;
        } else {
            m->error = pl_arena_printf(a, "unexpected key '%s' in '%s'", key, f);
        }
        if (m->error)
            break;
    }
    m->keys = keys.items;
    m->values = vals.items;
    m->nfields = keys.len;
    if (!m->error) {
        bool info =
            !strcmp(m->type, "secret") || !strcmp(m->type, "ssh") || !strcmp(m->type, "cache");
        if ((m->mode || m->uid || m->gid) && !info)
            m->error = pl_arena_printf(a, "%s not allowed for \"%s\" type mounts",
                                       m->mode  ? "mode"
                                       : m->uid ? "uid"
                                                : "gid",
                                       m->type);
        else if (m->sharing && strcmp(m->type, "cache"))
            m->error = pl_arena_printf(a, "invalid cache sharing set for %s mount", m->type);
        else if (!strcmp(m->type, "secret") && m->from)
            m->error = "secret mount should not have a from";
        else if (!strcmp(m->type, "secret") && !m->source && !m->target && !m->id)
            m->error = "invalid secret mount. one of source, target required";
        else if (!strcmp(m->type, "secret") && m->source && m->id)
            m->error = "both source and id can't be set";
    }
    if (ro_auto)
        m->readonly = strcmp(m->type, "cache") && strcmp(m->type, "tmpfs");
    return m->error ? -1 : 0;
}
