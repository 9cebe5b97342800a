/* document.c — one input's bytes into documents the engine can evaluate.
 *
 * The kind comes from discovery (by name), from --type, or from the content: JSON that
 * sniffs as an image config is an image, text whose first instruction line is a
 * Dockerfile instruction is a Dockerfile, and anything else is refused with a message
 * rather than checked as the wrong thing (a silent pass would be worse). */
#include <string.h>
#include <strings.h>

#include "plimsoll/document.h"

const char *pl_doc_kind_name(pl_doc_kind k) {
    switch (k) {
    case PL_DOC_DOCKERFILE: return "dockerfile";
    case PL_DOC_IMAGE: return "image";
    default: return "unknown";
    }
}

int pl_doc_kind_parse(const char *s, pl_doc_kind *k) {
    if (!s)
        return -1;
    if (strcmp(s, "dockerfile") == 0)
        *k = PL_DOC_DOCKERFILE;
    else if (strcmp(s, "image") == 0)
        *k = PL_DOC_IMAGE;
    else
        return -1;
    return 0;
}

/* Every instruction BuildKit's parser knows (MAINTAINER included: old files start with it). */
static bool is_instruction(const char *w, size_t n) {
    static const char *const kw[] = {"from",       "run",         "cmd",     "label", "maintainer",
                                     "expose",     "env",         "add",     "copy",  "entrypoint",
                                     "volume",     "user",        "workdir", "arg",   "onbuild",
                                     "stopsignal", "healthcheck", "shell",   NULL};
    for (const char *const *k = kw; *k; k++)
        if (strlen(*k) == n && strncasecmp(w, *k, n) == 0)
            return true;
    return false;
}

/* The first line that is neither blank nor a comment must open with an instruction. */
static bool looks_dockerfile(const char *t, size_t len) {
    size_t i = len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len) {
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
            i++;
        if (i < len && (t[i] == '\n' || t[i] == '#')) {
            while (i < len && t[i] != '\n')
                i++;
            i++;
            continue;
        }
        size_t w = i;
        while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
            i++;
        if (!is_instruction(t + w, i - w))
            return false;
        return i == len || t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n';
    }
    return false;
}

pl_doc_kind pl_document_sniff(const char *text, size_t len) {
    if (!text)
        return PL_DOC_UNKNOWN;
    if (pl_image_sniff(text, len))
        return PL_DOC_IMAGE;
    if (looks_dockerfile(text, len))
        return PL_DOC_DOCKERFILE;
    return PL_DOC_UNKNOWN;
}

int pl_document_load(pl_arena *a, pl_doc_kind kind, const char *path, const char *text, size_t len,
                     const pl_build_args *build_args, pl_document **docs, size_t *ndocs,
                     pl_error *err) {
    if (kind == PL_DOC_UNKNOWN)
        kind = pl_document_sniff(text, len);
    if (kind == PL_DOC_DOCKERFILE) {
        pl_dockerfile *df;
        if (pl_dockerfile_parse(a, path, text, len, &df, err) < 0 ||
            pl_dockerfile_analyze(a, df, build_args, err) < 0)
            return -1;
        pl_document *d = pl_arena_alloc(a, sizeof *d);
        *d = (pl_document){PL_DOC_DOCKERFILE, path, text, len, df, NULL, NULL};
        *docs = d;
        *ndocs = 1;
        return 0;
    }
    if (kind == PL_DOC_IMAGE) {
        pl_image **imgs;
        size_t n;
        if (pl_image_parse(a, path, text, len, &imgs, &n, err) < 0)
            return -1;
        pl_document *d = pl_arena_alloc(a, (n ? n : 1) * sizeof *d);
        for (size_t i = 0; i < n; i++)
            d[i] = (pl_document){PL_DOC_IMAGE, path, text, len, NULL, imgs[i], NULL};
        *docs = d;
        *ndocs = n;
        return 0;
    }
    return pl_error_set(err, path, 0, 0,
                        "not a Dockerfile or image configuration (use --type to say which)");
}
