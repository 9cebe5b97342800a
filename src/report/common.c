/* common.c — the pieces every report writer shares: carrying untrusted text into JSON,
 * XML and URIs, and mapping severities to each format's levels, each written once so
 * that every format shows a stray byte, an odd path or a severity the same way. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

json_t *pl_rep_jstr(const char *s) {
    if (!s)
        return json_null();
    size_t n = strlen(s);
    if (pl_utf8_valid(s, n))
        return json_stringn(s, n);
    /* not UTF-8: each stray byte becomes the visible escape \xNN (one scheme for every
     * output, docs/json-report.md) instead of the field silently vanishing */
    pl_buf b;
    pl_buf_init(&b);
    pl_utf8_escape_invalid(&b, s, n);
    json_t *j = json_stringn(b.data ? b.data : "", b.len);
    pl_buf_free(&b);
    return j;
}

void pl_rep_set(json_t *obj, const char *key, json_t *value) {
    if (!value || json_object_set_new(obj, key, value) != 0)
        abort(); /* only on out of memory */
}

void pl_rep_append(json_t *arr, json_t *value) {
    if (!value || json_array_append_new(arr, value) != 0)
        abort();
}

void pl_rep_dump(json_t *root, size_t flags, pl_buf *out) {
    char *text = json_dumps(root, flags | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        abort();
    pl_buf_puts(out, text);
    pl_buf_puts(out, "\n");
    free(text);
}

void pl_rep_xml(pl_buf *out, const char *s) {
    if (!s)
        return;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = pl_utf8_len(s + i, n - i, &cp);
        if (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xfffe ||
            cp == 0xffff) {
            pl_buf_printf(out, "\\x%02x", (unsigned char)s[i]);
            i++;
            continue;
        }
        switch (s[i]) {
        case '&': pl_buf_puts(out, "&amp;"); break;
        case '<': pl_buf_puts(out, "&lt;"); break;
        case '>': pl_buf_puts(out, "&gt;"); break;
        case '"': pl_buf_puts(out, "&quot;"); break;
        case '\'': pl_buf_puts(out, "&apos;"); break;
        /* in an attribute a raw newline would be read back as a space */
        case '\n': pl_buf_puts(out, "&#10;"); break;
        case '\r': pl_buf_puts(out, "&#13;"); break;
        case '\t': pl_buf_puts(out, "&#9;"); break;
        default: pl_buf_append(out, s + i, k);
        }
        i += k;
    }
}

void pl_rep_xml_attr(pl_buf *out, const char *name, const char *value) {
    pl_buf_printf(out, " %s=\"", name);
    pl_rep_xml(out, value);
    pl_buf_puts(out, "\"");
}

bool pl_rep_path_absolute(const char *path) {
    return path && path[0] == '/';
}

void pl_rep_uri(pl_buf *out, const char *path) {
    if (!path)
        return;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            pl_buf_append(out, (const char *)p, 1);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            pl_buf_append(out, esc, 3);
        }
    }
}

const char *pl_rep_sarif_level(pl_severity s) {
    return s >= PL_SEV_HIGH ? "error" : s == PL_SEV_MEDIUM ? "warning" : "note";
}

const char *pl_rep_github_level(pl_severity s) {
    return s >= PL_SEV_HIGH ? "error" : s == PL_SEV_MEDIUM ? "warning" : "notice";
}

const char *pl_rep_gitlab_severity(pl_severity s) {
    switch (s) {
    case PL_SEV_CRITICAL: return "blocker";
    case PL_SEV_HIGH: return "critical";
    case PL_SEV_MEDIUM: return "major";
    case PL_SEV_LOW: return "minor";
    case PL_SEV_INFO: break;
    }
    return "info";
}

const char *pl_rep_checkstyle_severity(pl_severity s) {
    return s >= PL_SEV_HIGH ? "error" : s == PL_SEV_MEDIUM ? "warning" : "info";
}

const char *pl_rep_security_severity(pl_severity s) {
    /* GitHub's bands: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low */
    switch (s) {
    case PL_SEV_CRITICAL: return "9.5";
    case PL_SEV_HIGH: return "8.0";
    case PL_SEV_MEDIUM: return "5.5";
    case PL_SEV_LOW: return "3.0";
    case PL_SEV_INFO: break;
    }
    return NULL;
}

bool pl_rep_is_target(const pl_results *r, const char *path) {
    for (size_t i = 0; i < r->ntargets; i++)
        if (strcmp(r->targets[i].path, path) == 0)
            return true;
    return false;
}

const pl_rule_meta *pl_rep_rule(const pl_results *r, const char *id) {
    for (size_t i = 0; id && i < r->nrules; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return &r->rules[i];
    return NULL;
}
