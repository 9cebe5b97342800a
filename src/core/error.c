/* error.c — filling pl_error values and growable heap buffers.
 *
 * Messages are truncated, never overflowed: a pathological input (a 64 KiB line quoted
 * into a message) must not turn an error report into a second error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plimsoll/core.h"

void pl_out_of_memory(void) {
    static const char msg[] = "plimsoll: out of memory\n";
    /* write(2) and _exit(2) only: no allocation, no signal, allowed under the filter */
    ssize_t n = write(2, msg, sizeof msg - 1);
    (void)n;
    _exit(PL_EXIT_NOMEM);
}

int pl_error_setv(pl_error *err, const char *path, int line, int column, const char *fmt,
                  va_list ap) {
    if (!err)
        return -1;
    err->path = path;
    err->line = line;
    err->column = column;
    err->end_line = 0;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return -1;
}

int pl_error_set(pl_error *err, const char *path, int line, int column, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pl_error_setv(err, path, line, column, fmt, ap);
    va_end(ap);
    return -1;
}

static void buf_grow(pl_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        pl_out_of_memory();
    }
    b->data = p;
    b->cap = cap;
}

void pl_buf_init(pl_buf *b) {
    b->data = NULL;
    b->len = b->cap = 0;
}

void pl_buf_free(pl_buf *b) {
    free(b->data);
    pl_buf_init(b);
}

void pl_buf_append(pl_buf *b, const char *s, size_t n) {
    buf_grow(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pl_buf_puts(pl_buf *b, const char *s) {
    pl_buf_append(b, s, strlen(s));
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *pl_buf_take(pl_buf *b) {
    if (!b->data)
        buf_grow(b, 0), b->data[0] = '\0';
    char *p = b->data;
    pl_buf_init(b);
    return p;
}
