/* imageref.c — splitting an image reference into registry, repository, tag and digest.
 *
 * The one splitter: the analysis uses it for every FROM, and rules reach the same code
 * through pl.image_ref (the bridge), so a reference is never read two ways. It follows
 * what a registry client does with name[:tag][@digest]: the digest after '@', the tag
 * after the last ':' of the last path component, a first component with '.' or ':' (or
 * "localhost") is a registry, anything else is Docker Hub, where an official image gets
 * "library/"; Docker Hub's other host names mean docker.io. */
#include <string.h>

#include "plimsoll/dockerfile.h"

void pl_image_ref_split(pl_arena *a, const char *s, bool decidable, pl_df_image_ref *r) {
    const char *at = strchr(s, '@');
    size_t name_end = at ? (size_t)(at - s) : strlen(s);
    if (at)
        r->digest = pl_arena_strdup(a, at + 1);
    const char *slash = NULL;
    for (size_t i = 0; i < name_end; i++)
        if (s[i] == '/')
            slash = s + i;
    size_t from = slash ? (size_t)(slash - s) + 1 : 0;
    for (size_t i = name_end; i > from; i--)
        if (s[i - 1] == ':') {
            /* "alpine:" (an ARG that expanded to nothing) has an empty tag, which is not
             * "no tag": it does not mean latest, it is an invalid reference */
            r->tag = pl_arena_strndup(a, s + i, name_end - i);
            name_end = i - 1;
            break;
        }
    r->image = pl_arena_strndup(a, s, name_end);
    if (!decidable)
        return;
    const char *img = r->image;
    const char *first = strchr(img, '/');
    bool has_registry = false;
    if (first) {
        size_t n = (size_t)(first - img);
        has_registry = memchr(img, '.', n) || memchr(img, ':', n) ||
                       (n == 9 && strncmp(img, "localhost", 9) == 0);
    }
    if (has_registry) {
        r->registry = pl_arena_strndup(a, img, (size_t)(first - img));
        r->repository = first + 1;
        if (strcmp(r->registry, "index.docker.io") == 0 ||
            strcmp(r->registry, "registry-1.docker.io") == 0)
            r->registry = "docker.io";
    } else {
        r->registry = "docker.io";
        r->repository = img;
    }
    if (strcmp(r->registry, "docker.io") == 0 && !strchr(r->repository, '/'))
        r->repository = pl_arena_printf(a, "library/%s", r->repository);
    const char *last = strrchr(r->repository, '/');
    r->name = last ? last + 1 : r->repository;
}
