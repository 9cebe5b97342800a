/* arena.c — bump allocation for everything that belongs to one document.
 *
 * Chunks grow geometrically so a 100 KB Dockerfile costs a handful of mallocs; large
 * requests get a chunk of their own. Memory is zeroed so parsers can rely on NULL/0
 * defaults for every field they do not set. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/core.h"

struct pl_arena_chunk {
    pl_arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_MIN_CHUNK = 16 * 1024, ARENA_ALIGN = 16 };

void pl_arena_init(pl_arena *a) {
    a->head = NULL;
    a->total = 0;
}

void pl_arena_free(pl_arena *a) {
    pl_arena_chunk *c = a->head;
    while (c) {
        pl_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

static pl_arena_chunk *chunk_new(size_t size) {
    pl_arena_chunk *c = malloc(sizeof *c + size);
    if (!c) {
        pl_out_of_memory();
    }
    c->next = NULL;
    c->used = 0;
    c->size = size;
    return c;
}

void *pl_arena_alloc(pl_arena *a, size_t n) {
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2) {
        pl_out_of_memory();
    }
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    pl_arena_chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t size = c ? c->size * 2 : ARENA_MIN_CHUNK;
        if (size > 4 * 1024 * 1024)
            size = 4 * 1024 * 1024;
        if (size < need) {
            /* A big block gets its own chunk behind the current one, so the current
             * chunk's free space is not wasted. */
            pl_arena_chunk *big = chunk_new(need);
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                a->head = big;
            }
            big->used = need;
            a->total += need;
            memset(big->data, 0, need);
            return big->data;
        }
        c = chunk_new(size);
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->total += need;
    memset(p, 0, need);
    return p;
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t n) {
    char *p = pl_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pl_arena_strdup(pl_arena *a, const char *s) {
    return s ? pl_arena_strndup(a, s, strlen(s)) : NULL;
}

char *pl_arena_printf(pl_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return pl_arena_strdup(a, "");
    char *p = pl_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *pl_vec_push_(pl_arena *a, pl_vec *v, size_t item_size) {
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        void *items = pl_arena_alloc(a, cap * item_size);
        if (v->len)
            memcpy(items, v->items, v->len * item_size);
        v->items = items;
        v->cap = cap;
    }
    unsigned char *slot = (unsigned char *)v->items + v->len * item_size;
    v->len++;
    memset(slot, 0, item_size);
    return slot;
}

void pl_sbuf_add(pl_arena *a, pl_sbuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = pl_arena_alloc(a, cap);
        if (b->len)
            memcpy(d, b->d, b->len);
        b->d = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->d + b->len, s, n);
    b->len += n;
    b->d[b->len] = '\0';
}

void pl_sbuf_addc(pl_arena *a, pl_sbuf *b, char c) {
    pl_sbuf_add(a, b, &c, 1);
}

void pl_sbuf_rune(pl_arena *a, pl_sbuf *b, int32_t c) {
    char u[4];
    size_t n;
    if (c < 0x80)
        u[0] = (char)c, n = 1;
    else if (c < 0x800)
        u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
        u[0] = (char)(0xE0 | (c >> 12)), u[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | (c >> 18)), u[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
    pl_sbuf_add(a, b, u, n);
}

const char *pl_sbuf_str(pl_arena *a, pl_sbuf *b) {
    if (!b->d)
        pl_sbuf_add(a, b, "", 0);
    return b->d;
}
