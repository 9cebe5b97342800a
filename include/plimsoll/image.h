/* image.h — image configurations: an OCI image config (with Docker's extras) and the
 * array `docker inspect IMAGE` prints, normalised into one model.
 *
 * Every element a finding can point at carries the JSON pointer it came from
 * ("/config/User", "/0/Config/Env/2") and the line and column where that value
 * starts in the file, so a report can send a user straight to it. */
#ifndef PLIMSOLL_IMAGE_H
#define PLIMSOLL_IMAGE_H

#include <stdint.h>

#include "plimsoll/core.h"

/* Where a value is: its JSON pointer and its position in the source text. */
typedef struct pl_json_loc {
    const char *pointer; /* RFC 6901 */
    int line, column;    /* 1-based; 0 when not found */
} pl_json_loc;

typedef struct pl_image_str {
    const char *value;
    pl_json_loc loc;
} pl_image_str;

typedef struct pl_image_kv {
    const char *key;
    const char *value; /* Env: text after the first '='; NULL for an entry without '=' */
    const char *raw;   /* Env: the whole "KEY=VALUE" entry */
    pl_json_loc loc;
} pl_image_kv;

typedef struct pl_image_list {
    pl_image_str *items;
    size_t n;
    bool present;    /* the key existed and was not null */
    pl_json_loc loc; /* of the list itself */
} pl_image_list;

typedef struct pl_image_healthcheck {
    pl_image_list test; /* [] inherit, ["NONE"], ["CMD", ...], ["CMD-SHELL", cmd] */
    int64_t interval_ns, timeout_ns, start_period_ns, start_interval_ns; /* 0 when absent */
    int retries;
    pl_json_loc loc;
} pl_image_healthcheck;

typedef struct pl_image_history {
    const char *created, *created_by, *author, *comment;
    bool empty_layer;
    const char *diff_id; /* the layer it produced, when history and diff_ids line up */
    pl_json_loc loc;
} pl_image_history;

typedef struct pl_image {
    const char *path;
    const char *format; /* "oci-config" or "docker-inspect" */
    int element;        /* docker inspect: index in the top-level array; else 0 */
    const char *id;     /* config: "sha256:" + sha256 of the exact bytes; inspect: Id */
    const char *architecture, *os, *variant, *created, *author;
    pl_json_loc config_loc; /* "/config" or "/0/Config" (pointer set even when absent) */

    pl_image_str user; /* value NULL when absent (runs as root) */
    pl_image_kv *env;  /* Config.Env in order */
    size_t nenv;
    pl_image_list entrypoint, cmd, shell, onbuild;
    pl_image_str working_dir, stop_signal;
    pl_image_list exposed_ports; /* keys of ExposedPorts: "8080/tcp" */
    pl_image_list volumes;       /* keys of Volumes */
    pl_image_kv *labels;
    size_t nlabels;
    pl_image_healthcheck *healthcheck; /* NULL when absent */
    pl_image_history *history;
    size_t nhistory;
    bool has_history;
    pl_image_list diff_ids;                /* rootfs.diff_ids or RootFS.Layers */
    pl_image_list repo_tags, repo_digests; /* docker inspect only */
    pl_image_kv *legacy_env; /* container_config.Env / ContainerConfig.Env (legacy builders) */
    size_t nlegacy_env;
    pl_image_list legacy_cmd; /* container_config.Cmd */
} pl_image;

/* True when the text looks like an image config or docker inspect output (used by
 * discovery for *.json files): an object with rootfs/config/architecture keys, or an
 * array whose first element has Config/RootFS/Id. Cheap; no full parse. */
bool pl_image_sniff(const char *text, size_t len);

/* Parses an image config, or every element of a docker inspect array. On error returns
 * -1 with err filled (line and column from the JSON parser, or the pointer's position
 * for a value of the wrong type). */
int pl_image_parse(pl_arena *a, const char *path, const char *text, size_t len, pl_image ***out,
                   size_t *n, pl_error *err);

/* Finds where the value at pointer starts in the JSON text. Returns 0 and fills
 * line/column, or -1 when the pointer does not resolve. */
int pl_json_locate(const char *text, size_t len, const char *pointer, int *line, int *column);

/* Like pl_json_locate, but gives the byte offset of the value's first character. */
int pl_json_locate_offset(const char *text, size_t len, const char *pointer, size_t *offset);

/* One member of an object or array, as pl_json_members finds it in the text. */
typedef struct pl_json_member {
    const char *key; /* object: the key after JSON unescaping (arena); array: NULL */
    size_t key_len;  /* bytes in key (a key may hold "\u0000") */
    size_t offset;   /* where the member's value starts */
} pl_json_member;

/* The members of the object or array whose value starts at offset, in text order, found
 * in one pass so a reader can place every element of a long list without rescanning.
 * Returns 0, or -1 when there is no object or array at offset or it is malformed. */
int pl_json_members(pl_arena *a, const char *text, size_t len, size_t offset, pl_json_member **out,
                    size_t *n);

#endif
