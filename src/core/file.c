/* file.c — reading inputs whole and writing reports atomically.
 *
 * A report is written to a temporary file in the destination's directory and renamed
 * into place, so a CI job that reads it never sees half a report, and a failed run
 * leaves the previous one untouched. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plimsoll/core.h"

int pl_file_read(pl_arena *a, const char *path, size_t max_bytes, char **out, size_t *len,
                 pl_error *err) {
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pl_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (!is_stdin && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return pl_error_set(err, path, 0, 0, "is a directory");
    }
    size_t cap = 64 * 1024, n = 0;
    char *data = malloc(cap);
    if (!data)
        pl_out_of_memory();
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *p = realloc(data, cap);
            if (!p)
                pl_out_of_memory();
            data = p;
        }
        ssize_t r = read(fd, data + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(data);
            if (!is_stdin)
                close(fd);
            return pl_error_set(err, path, 0, 0, "cannot read: %s", strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (max_bytes && n > max_bytes) {
            free(data);
            if (!is_stdin)
                close(fd);
            return pl_error_set(err, path, 0, 0, "file is larger than the limit of %zu bytes",
                                max_bytes);
        }
    }
    if (!is_stdin)
        close(fd);
    *out = pl_arena_strndup(a, data, n);
    *len = n;
    free(data);
    return 0;
}

int pl_file_write_atomic(const char *path, const char *data, size_t len, pl_error *err) {
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    if (!tmp)
        pl_out_of_memory();
    snprintf(tmp, plen + 32, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return pl_error_set(err, path, 0, 0, "cannot create a temporary file beside it: %s",
                            strerror(e));
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            unlink(tmp);
            free(tmp);
            return pl_error_set(err, path, 0, 0, "cannot write: %s", strerror(e));
        }
        off += (size_t)w;
    }
    /* mkstemp makes 0600; a report is an ordinary file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (fsync(fd) != 0 || close(fd) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return pl_error_set(err, path, 0, 0, "cannot write: %s", strerror(e));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return pl_error_set(err, path, 0, 0, "cannot rename into place: %s", strerror(e));
    }
    free(tmp);
    return 0;
}
