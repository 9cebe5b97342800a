/* file.c — reading inputs whole and writing reports atomically.
 *
 * A report that goes to a regular file is written to a temporary file beside it and
 * renamed into place, so a CI job that reads it never sees half a report, and a failed or
 * interrupted run leaves the previous one untouched; the file keeps its mode and owner,
 * and symbolic links to it stay links. What a rename would destroy (a device such as
 * /dev/full, a pipe, a file with other hard links) is written in place instead. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plimsoll/core.h"

/* What a user can do about a failed open, after the system's words for it. */
static const char *open_hint(int e) {
    switch (e) {
    case ENOENT:
    case ENOTDIR: return "; check the path";
    case EACCES:
    case EPERM: return "; check its permissions";
    default: return "";
    }
}

int pl_file_read(pl_arena *a, const char *path, size_t max_bytes, char **out, size_t *len,
                 pl_error *err) {
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return pl_error_set(err, path, 0, 0, "cannot open: %s%s", strerror(e), open_hint(e));
    }
    struct stat st;
    if (!is_stdin && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return pl_error_set(err, path, 0, 0, "is a directory; give a file");
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

/* Writes all of data to fd; 0, or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

/* For what must not be replaced: a device, a pipe, a file with other names, a file whose
 * owner this process cannot give a new file. Such a target is a stream or shared, so the
 * report is written into it as a shell redirection would. create: make it when missing. */
static int write_in_place(const char *path, bool create, const char *data, size_t len,
                          pl_error *err) {
    int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC | (create ? O_CREAT : 0), 0666);
    if (fd < 0)
        return pl_error_set(err, path, 0, 0, "cannot open for writing: %s", strerror(errno));
    struct stat st;
    int rc = write_all(fd, data, len);
    if (rc == 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0)
        return pl_error_set(err, path, 0, 0, "cannot write: %s", strerror(e));
    return 0;
}

/* The signals that end a run from outside (^C, kill, a closed terminal). */
static void stop_signals(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

/* Replaces the regular file real (or creates it) by renaming a temporary file beside it.
 * keep: the file being replaced, whose mode and owner the new one takes; NULL for a new
 * file. Returns 0, -1 with err (about path, the name the user gave), or 1 when the owner
 * cannot be kept or no file can be made beside it (nothing was changed; the caller writes
 * in place instead). */
static int replace(const char *path, const char *real, const struct stat *keep, const char *data,
                   size_t len, pl_error *err) {
    size_t plen = strlen(real);
    char *tmp = malloc(plen + 32);
    if (!tmp)
        pl_out_of_memory();
    snprintf(tmp, plen + 32, "%s.tmp.XXXXXX", real);
    /* From here to the rename, an interruption must not leave the temporary file behind:
     * the signals wait, and one that arrived cancels the write before the rename. */
    sigset_t stop, old;
    stop_signals(&stop);
    sigprocmask(SIG_BLOCK, &stop, &old);
    int rc = 0, e = 0;
    const char *what = "cannot write";
    int fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(tmp);
        /* a writable file in a directory that is not (or a name too long for a suffix):
         * it can still be written, in place */
        if (keep && (e == EACCES || e == EPERM || e == EROFS || e == ENAMETOOLONG))
            return 1;
        return pl_error_set(err, path, 0, 0, "cannot create a temporary file beside it: %s",
                            strerror(e));
    }
    if (keep) {
        if ((keep->st_uid != geteuid() || keep->st_gid != getegid()) &&
            fchown(fd, keep->st_uid, keep->st_gid) != 0) {
            rc = 1;
        } else if (fchmod(fd, keep->st_mode & 07777) != 0) {
            rc = -1, e = errno;
        }
    } else {
        /* mkstemp makes 0600; a new report is an ordinary file */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0)
            rc = -1, e = errno;
    }
    if (rc == 0 && (write_all(fd, data, len) != 0 || fsync(fd) != 0))
        rc = -1, e = errno;
    if (close(fd) != 0 && rc == 0)
        rc = -1, e = errno;
    sigset_t pending;
    sigpending(&pending);
    bool stopped = false;
    for (int sig = 1; sig < NSIG && !stopped; sig++)
        stopped = sigismember(&stop, sig) == 1 && sigismember(&pending, sig) == 1;
    if (rc == 0 && stopped)
        rc = -1, what = "interrupted by a signal, the report was not written";
    if (rc == 0 && rename(tmp, real) != 0)
        rc = -1, e = errno, what = "cannot rename into place";
    if (rc != 0)
        unlink(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL); /* a signal that waited is delivered here */
    free(tmp);
    if (rc < 0 && e)
        return pl_error_set(err, path, 0, 0, "%s: %s", what, strerror(e));
    if (rc < 0)
        return pl_error_set(err, path, 0, 0, "%s", what);
    return rc;
}

int pl_file_write_atomic(const char *path, const char *data, size_t len, pl_error *err) {
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        struct stat lst;
        if (e == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
            /* a link to a file yet to be made: the file is made where the link points */
            return write_in_place(path, true, data, len, err);
        if (e != ENOENT)
            return pl_error_set(err, path, 0, 0, "cannot write there: %s", strerror(e));
        return replace(path, path, NULL, data, len, err) == 0 ? 0 : -1;
    }
    /* a rename would destroy a device or a pipe, and split a file's other names from it */
    if (!S_ISREG(st.st_mode) || st.st_nlink > 1)
        return write_in_place(path, false, data, len, err);
    /* through symbolic links: the file they lead to is replaced, the links stay */
    char *real = realpath(path, NULL);
    if (!real)
        return write_in_place(path, false, data, len, err);
    int rc = replace(path, real, &st, data, len, err);
    free(real);
    if (rc == 1)
        return write_in_place(path, false, data, len, err);
    return rc;
}
